/** The Orders tab: only a loader, its own chunk (loaded on the first click). */
export const loadOrdersTab = () => import('./components/orders-tab');
export { NewOrderDialog, type OrderDialogProps } from './components/new-order-dialog';
export { ReservationDialog } from './components/reservation-dialog';
export { OrderActions } from './components/order-actions';
