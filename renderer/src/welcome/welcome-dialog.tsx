import { useRef } from 'react';
import type { AppState } from '../store/app-store';
import { useAppStore } from '../store/store-context';
import { Dialog } from '../ui/dialog';
import './welcome.css';

const selectEngine = (s: AppState) => s.engineStatus;

export interface WelcomeActions {
  template: () => void;
  open: () => void;
  importCompose: () => void;
  settings: () => void;
  /** Closed without choosing: not shown again either. */
  dismiss: () => void;
}

/**
 * The first run's welcome: what Dockwright does, whether the engine answers (and what to do when
 * it does not), and three ways to start. Any of them, or closing, marks it seen (in the settings).
 */
export function WelcomeDialog({ actions }: { actions: WelcomeActions }) {
  const engine = useAppStore(selectEngine);
  const first = useRef<HTMLButtonElement>(null);
  const connected = engine?.state === 'connected';
  return (
    <Dialog
      title="Welcome to Dockwright"
      onClose={actions.dismiss}
      initialFocus={first}
      actions={
        <button type="button" onClick={actions.dismiss}>
          Close
        </button>
      }
    >
      <p>
        Draw a topology of services, jobs, volumes and networks; run it on your Docker engine with one click;
        watch its logs, traces, metrics and health; and export it to Compose or Kubernetes.
      </p>
      <section
        aria-label="Docker engine"
        className={`welcome-engine welcome-engine--${connected ? 'ok' : 'bad'}`}
      >
        {connected ? (
          <p role="status">
            Docker engine connected: {engine.host}
            {engine.version ? ` (Docker ${engine.version})` : ''}.
          </p>
        ) : (
          <>
            <p role="status">
              {engine?.state === 'connecting' ? 'Connecting to' : 'No Docker engine answers at'}{' '}
              {engine?.host ?? 'the default address'}
              {engine?.reason ? `: ${engine.reason}` : '.'}
            </p>
            <p className="dialog__note">
              Start Docker (Docker Desktop, or <code>sudo systemctl start docker</code>), make sure your user
              may use its socket, or choose another engine (an address or a docker context) in{' '}
              <button type="button" className="link-button" onClick={actions.settings}>
                Settings
              </button>
              .
            </p>
          </>
        )}
      </section>
      <h3 className="welcome-start">Start from</h3>
      <div className="welcome-choices" role="group" aria-label="Start from">
        <button ref={first} type="button" className="welcome-choice" onClick={actions.template}>
          <strong>A template</strong>
          <span>A three-tier app, an ETL chain or a monitoring stack, ready to run.</span>
        </button>
        <button type="button" className="welcome-choice" onClick={actions.open}>
          <strong>A file</strong>
          <span>Open a topology saved here, or one from your disk.</span>
        </button>
        <button type="button" className="welcome-choice" onClick={actions.importCompose}>
          <strong>A Compose file</strong>
          <span>Import a docker-compose.yml and see what carries over.</span>
        </button>
      </div>
    </Dialog>
  );
}
