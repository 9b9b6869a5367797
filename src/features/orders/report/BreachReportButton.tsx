import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Incident } from '../../../core/model/incident';
import type { FormerConditionText } from '../../../core/export/breachReport/breachSummary';
import type { CourtOrder } from '../../../core/model/order';
import { BreachReportPanel } from './BreachReportPanel';
import type { MakeBreachReportPdf } from './makeBreachReportPdf';

export interface BreachReportButtonProps {
  orderId: string;
  order: CourtOrder;
  incidentId: string;
  incident: Incident;
  conditionIds: string[];
  /** Conditions no longer on the order, with their last known wording, for the summary. */
  formerConditions?: readonly FormerConditionText[];
  /** The id of what tells this button apart from the others on the page (its breach's heading). */
  describedBy?: string;
}

/** The PDF code (pdf-lib, fonts, the worker) loads only when a summary is asked for. */
const makeInWorker: MakeBreachReportPdf = async (request, i18n, signal) =>
  (await import('./makeBreachReportPdf')).makeBreachReportPdf(request, i18n, signal);

/** "Report a breach": a one-page summary of one breach for the officer in the case, as a PDF. */
export function BreachReportButton({
  orderId,
  order,
  incidentId,
  incident,
  conditionIds,
  formerConditions,
  describedBy,
}: BreachReportButtonProps) {
  const { t } = useTranslation('breachReport');
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div className="breach-report">
      <button
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-describedby={describedBy}
        onClick={() => setOpen((o) => !o)}
      >
        {t('button')}
      </button>
      {open && (
        <BreachReportPanel
          key={incidentId}
          id={panelId}
          orderId={orderId}
          order={order}
          incident={incident}
          conditionIds={conditionIds}
          {...(formerConditions ? { formerConditions } : {})}
          make={makeInWorker}
          onClose={() => setOpen(false)}
        />
      )}
    </div>
  );
}
