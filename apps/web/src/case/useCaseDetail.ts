import { useCallback, useState } from 'react';
import type { Case, CaseDetail, Section } from '@samraad/schema';
import { fetchCase } from '../api/client.js';

/**
 * The case header and its sections in paper order, kept current: set from what the case's
 * event stream sends (or a request answered), and re-read after one's own change to the
 * sections or after the stream reconnects.
 */
export function useCaseDetail(initial: CaseDetail): {
  theCase: Case;
  sections: Section[];
  setCase: (theCase: Case) => void;
  setSections: (sections: Section[]) => void;
  reload: () => Promise<void>;
} {
  const [theCase, setCase] = useState(initial.case);
  const [sections, setSections] = useState(initial.sections);
  const caseId = initial.case.id;
  const reload = useCallback(
    () =>
      fetchCase(caseId).then(
        (detail) => {
          setCase(detail.case);
          setSections(detail.sections);
        },
        // A failed re-read leaves what is shown; the next event or reconnect tries again.
        () => undefined,
      ),
    [caseId],
  );
  return { theCase, sections, setCase, setSections, reload };
}
