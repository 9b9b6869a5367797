import type { CourtOrder } from '../../core/model/order';

/** What an order is called on screen: its own title if the person gave one, else its kind's name. */
export function orderName(order: CourtOrder, kindLabel: string): string {
  const title = order.title.trim();
  return title === '' ? kindLabel : title;
}
