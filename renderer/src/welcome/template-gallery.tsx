import { TEMPLATES, templateDocument, type Template } from '../../../shared/templates';
import { Dialog } from '../ui/dialog';
import './welcome.css';

/**
 * "New from template": a card per template, each opening as a new, unsaved document laid out
 * on the canvas. Their image is built locally (`npm run template-images`).
 */
export function TemplateGallery({
  onChoose,
  onClose,
}: {
  onChoose: (template: Template, doc: ReturnType<typeof templateDocument>) => void;
  onClose: () => void;
}) {
  return (
    <Dialog
      title="New from template"
      onClose={onClose}
      size="large"
      actions={
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      }
    >
      <p className="dialog__note">
        Each template runs here as it is: its image, <code>{TEMPLATES[0]?.images[0]}</code>, is built locally
        by <code>npm run template-images</code>, without a registry.
      </p>
      <ul className="template-grid" aria-label="Templates">
        {TEMPLATES.map((template) => {
          const headingId = `template-${template.id}`;
          return (
            <li key={template.id} className="template-card" aria-labelledby={headingId}>
              <h3 id={headingId}>{template.title}</h3>
              <p>{template.summary}</p>
              <ul className="template-card__tags" aria-label={`${template.title}: what it shows`}>
                {template.highlights.map((h) => (
                  <li key={h}>{h}</li>
                ))}
              </ul>
              <p className="template-card__meta">
                {Object.keys(template.build().spec.nodes).length} nodes · volumes:{' '}
                {template.volumes.join(', ')}
              </p>
              <button
                type="button"
                className="primary"
                aria-label={`Use this template: ${template.title}`}
                onClick={() => onChoose(template, templateDocument(template))}
              >
                Use this template
              </button>
            </li>
          );
        })}
      </ul>
    </Dialog>
  );
}
