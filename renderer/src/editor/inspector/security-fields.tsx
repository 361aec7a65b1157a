import { CheckboxField, LinesField, Pair, Section, TextField } from './fields';

export function SecuritySection({ open }: { open: boolean }) {
  return (
    <Section title="Security" open={open}>
      <TextField label="User" path={['user']} placeholder="image default, e.g. 1000:1000" />
      <CheckboxField label="Privileged" path={['privileged']} />
      <CheckboxField label="Read-only root filesystem" path={['readOnly']} />
      <Pair>
        <LinesField label="Add capabilities" path={['capAdd']} hint="e.g. NET_ADMIN, one a line" />
        <LinesField label="Drop capabilities" path={['capDrop']} hint="e.g. ALL, one a line" />
      </Pair>
    </Section>
  );
}
