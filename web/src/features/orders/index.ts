export { OrdersTab } from './components/orders-tab';
export { NewOrderDialog, type OrderDialogProps } from './components/new-order-dialog';
export { ReservationDialog } from './components/reservation-dialog';
export { OrderActions } from './components/order-actions';
