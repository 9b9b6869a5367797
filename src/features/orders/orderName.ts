import type { CourtOrder } from '../../core/model/order';

/** What an order is called on screen: its own title if the person gave one, else its kind's name. */
export function orderName(order: CourtOrder, kindLabel: string): string {
  const title = order.title.trim();
  return title === '' ? kindLabel : title;
}

/**
 * The person's own text set apart from the sentence around it (Unicode first-strong isolate), so
 * English inside an Urdu or Arabic sentence, or the reverse, keeps its own direction.
 */
export function isolated(text: string): string {
  return `\u2068${text}\u2069`;
}
