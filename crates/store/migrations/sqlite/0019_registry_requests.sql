-- The registry's links and open data (issue 11). The PostgreSQL twin has the same meaning.
--
-- A case number typed on an agenda item or a protocol paragraph is the link between the two
-- (store::cases::handling); OParl's Consultation is that link (store::oparl::consultations).
-- These indexes let both directions look the other side up instead of scanning: the case
-- page finds the items and paragraphs naming its number, and an agenda item finds its case by
-- the number's text, which is this very expression of the case row.

CREATE INDEX agenda_items_case_number ON agenda_items(case_number);
CREATE INDEX paragraphs_case_number ON paragraphs(case_number);
CREATE INDEX cases_number_text ON cases ((prefix || ' ' || CAST(year AS TEXT) || '/' || CAST(seq AS TEXT)));
