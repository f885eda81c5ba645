-- The registry walks its cases newest first (ADR 60): filtered by a year or an organisation it
-- must find them in id order within that year or organisation, so that a page stops after its
-- last case instead of reading, testing and sorting every case of the year (8,400 at national
-- scale). `cases_number` (year, seq, id) and the series' unique key (organisation_id, year, seq)
-- give the number's order, not the registration's.
CREATE INDEX cases_year_id ON cases(year, id);
CREATE INDEX cases_organisation_id ON cases(organisation_id, id);
