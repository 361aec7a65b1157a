import { useState, type InputHTMLAttributes } from 'react';

interface SecretValueProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> {
  /** The variable's name, for the toggle's label ("Show value of DB_PASSWORD"). */
  name: string;
}

/**
 * A value whose name looks secret: hidden (dots) until its own Show toggle reveals it, so a
 * password is not read over a shoulder or caught in a screenshot. Each value is revealed alone.
 */
export function SecretValueInput({ name, ...input }: SecretValueProps) {
  const [revealed, setRevealed] = useState(false);
  return (
    <span className="insp-kv__secret">
      <input
        {...input}
        type={revealed ? 'text' : 'password'}
        // Not a login form: no password manager offers, no saving.
        autoComplete="new-password"
        data-secret={revealed ? 'revealed' : 'masked'}
      />
      <button
        type="button"
        className="insp-icon-button insp-kv__reveal"
        aria-pressed={revealed}
        aria-label={`${revealed ? 'Hide' : 'Show'} value of ${name}`}
        title={revealed ? 'Hide the value' : 'Show the value'}
        onClick={() => setRevealed((shown) => !shown)}
      >
        {revealed ? 'Hide' : 'Show'}
      </button>
    </span>
  );
}
