/**
 * A need of a Sozialraum as `GET /api/sozialraeume/:id/needs` lists it: a row of the needs projection (the
 * needs document as a table) and the measures linked to it.
 */
export interface SozialraumNeedDto {
  id: string;
  title: string;
  description: string;
  targetGroup: string;
  source: string;
  priority: string;
  status: string;
  votes: number;
  measureIds: string[];
}
