/** Sequential colours (ColorBrewer Blues) by the number of classes; each distinguishable for colour-blind readers. */
export const CLASS_COLORS: Readonly<Record<number, readonly string[]>> = {
  1: ['#6baed6'],
  2: ['#bdd7e7', '#2171b5'],
  3: ['#deebf7', '#9ecae1', '#3182bd'],
  4: ['#eff3ff', '#bdd7e7', '#6baed6', '#2171b5'],
  5: ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'],
};
