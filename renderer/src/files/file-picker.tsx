import type { ReactNode, RefObject } from 'react';

/**
 * The hidden input behind a dialog's "Choose file…": one YAML file at a time. It is emptied after
 * each pick, so choosing the same file again reads it again.
 */
export function YamlFileInput({
  picker,
  label,
  onPicked,
}: {
  picker: RefObject<HTMLInputElement | null>;
  label: string;
  onPicked: (file: File) => Promise<void>;
}) {
  return (
    <input
      ref={picker}
      type="file"
      accept=".yaml,.yml,application/yaml"
      aria-label={label}
      hidden
      onChange={(event) => {
        const file = event.target.files?.[0];
        event.target.value = '';
        if (file) void onPicked(file);
      }}
    />
  );
}

/** The actions of a dialog that reads a picked file: Choose file…, Cancel, then its own (children). */
export function PickFileActions({
  picker,
  onCancel,
  children,
}: {
  picker: RefObject<HTMLInputElement | null>;
  onCancel: () => void;
  children: ReactNode;
}) {
  return (
    <>
      <button type="button" onClick={() => picker.current?.click()}>
        Choose file…
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      {children}
    </>
  );
}
