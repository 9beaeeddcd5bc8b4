import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { formatMoney } from './money';
import { formatInTimeZone } from '../settings/local-time';
import type { Address } from '../people/customer-schemas';
import type { OrderPrice } from './pricing';

/**
 * The PDF receipt of an order, built with pdf-lib (no native code, no fonts to ship: the
 * standard Helvetica). Only the `receipts` function imports this module, so the other
 * functions' bundles do not carry pdf-lib.
 */
export interface ReceiptOrder extends OrderPrice {
  orderNumber: number;
  createdAt: string;
  status: 'placed' | 'cancelled';
  customerName: string;
  customerNumber: number;
  fulfillment: 'ship' | 'pickup';
  shippingAddress: Address | null;
}

export interface ReceiptWinery {
  wineryName: string;
  currency: string;
  /** The winery's IANA time zone (`settings.timeZone`): the receipt's date is the winery's local time. */
  timeZone: string;
}

export interface ReceiptRow {
  label: string;
  amount: string;
}

/** What the receipt says, as text: the layout below only places it. */
export function receiptContent(order: ReceiptOrder, winery: ReceiptWinery) {
  const money = (cents: number) => formatMoney(cents, winery.currency);
  const percent = Number.isInteger(order.discountPercent) ? String(order.discountPercent) : order.discountPercent.toFixed(2);
  const totals: ReceiptRow[] = [{ label: 'Subtotal', amount: money(order.subtotalCents) }];
  if (order.discountCents > 0) totals.push({ label: `Discount (${percent}%)`, amount: `-${money(order.discountCents)}` });
  if (order.creditAppliedCents > 0) totals.push({ label: 'Credit applied', amount: `-${money(order.creditAppliedCents)}` });
  totals.push({ label: 'Total', amount: money(order.totalCents) });
  const address = order.shippingAddress;
  const shipTo = address
    ? [
        [address.firstName, address.lastName].filter(Boolean).join(' '),
        address.company,
        address.line1,
        address.line2,
        [address.postalCode, address.city, address.region].filter(Boolean).join(' '),
        address.country,
      ].filter((line): line is string => Boolean(line))
    : [];
  return {
    title: winery.wineryName,
    heading: `Order #${order.orderNumber}`,
    details: [
      `Date: ${formatInTimeZone(order.createdAt, winery.timeZone)}`,
      `Customer: ${order.customerName} (#${order.customerNumber})`,
      order.fulfillment === 'ship' ? 'Fulfillment: ship' : 'Fulfillment: pickup at the winery',
      ...(order.status === 'cancelled' ? ['Status: CANCELLED'] : []),
    ],
    shipTo,
    lines: order.lines.map((line) => ({
      name: line.name,
      sku: line.sku,
      quantity: String(line.quantity),
      unitPrice: money(line.unitPriceCents),
      amount: money(line.lineTotalCents),
    })),
    totals,
  };
}

const PAGE = { width: 612, height: 792, margin: 54 }; // US Letter, 3/4 inch margins
const COLUMNS = { item: PAGE.margin, quantity: 360, unitPrice: 460, amount: PAGE.width - PAGE.margin };
const GREY = rgb(0.4, 0.4, 0.4);

/** Writes text top to bottom, starting a new page when one is full. */
class Writer {
  private page: PDFPage;
  private y = PAGE.height - PAGE.margin;
  private readonly encodable: Set<number>;

  constructor(
    private readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.page = doc.addPage([PAGE.width, PAGE.height]);
    this.encodable = new Set(regular.getCharacterSet());
  }

  /** The standard fonts know WinAnsi only: anything else is shown as `?` rather than failing. */
  safe(text: string): string {
    return [...text.replace(/[\r\n\t]+/g, ' ')].map((ch) => (this.encodable.has(ch.codePointAt(0)!) ? ch : '?')).join('');
  }

  /** Shortens `text` with an ellipsis until it fits `width`. */
  fit(text: string, font: PDFFont, size: number, width: number): string {
    let value = this.safe(text);
    if (font.widthOfTextAtSize(value, size) <= width) return value;
    while (value.length > 1 && font.widthOfTextAtSize(`${value}...`, size) > width) value = value.slice(0, -1);
    return `${value}...`;
  }

  advance(height: number): void {
    if (this.y - height < PAGE.margin) {
      this.page = this.doc.addPage([PAGE.width, PAGE.height]);
      this.y = PAGE.height - PAGE.margin;
    }
    this.y -= height;
  }

  text(text: string, x: number, options: { size?: number; font?: PDFFont; align?: 'left' | 'right'; grey?: boolean } = {}): void {
    const size = options.size ?? 10;
    const font = options.font ?? this.regular;
    const value = this.safe(text);
    const left = options.align === 'right' ? x - font.widthOfTextAtSize(value, size) : x;
    this.page.drawText(value, { x: left, y: this.y, size, font, color: options.grey ? GREY : rgb(0, 0, 0) });
  }

  rule(): void {
    this.page.drawLine({
      start: { x: PAGE.margin, y: this.y - 4 },
      end: { x: PAGE.width - PAGE.margin, y: this.y - 4 },
      thickness: 0.5,
      color: GREY,
    });
  }
}

/** The receipt as PDF bytes. */
export async function renderOrderReceipt(order: ReceiptOrder, winery: ReceiptWinery): Promise<Buffer> {
  const content = receiptContent(order, winery);
  const doc = await PDFDocument.create();
  doc.setTitle(`${content.title} - ${content.heading}`);
  doc.setCreator(content.title);
  doc.setProducer('winery-people');
  doc.setCreationDate(new Date(order.createdAt));
  const w = new Writer(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));

  w.advance(18);
  w.text(w.fit(content.title, w.bold, 18, PAGE.width - 2 * PAGE.margin), PAGE.margin, { size: 18, font: w.bold });
  w.advance(24);
  w.text(content.heading, PAGE.margin, { size: 13, font: w.bold });
  for (const detail of content.details) {
    w.advance(15);
    w.text(detail, PAGE.margin);
  }
  if (content.shipTo.length > 0) {
    w.advance(20);
    w.text('Ship to', PAGE.margin, { font: w.bold });
    for (const line of content.shipTo) {
      w.advance(13);
      w.text(line, PAGE.margin);
    }
  }

  w.advance(28);
  w.text('Item', COLUMNS.item, { font: w.bold });
  w.text('Qty', COLUMNS.quantity, { font: w.bold, align: 'right' });
  w.text('Unit price', COLUMNS.unitPrice, { font: w.bold, align: 'right' });
  w.text('Amount', COLUMNS.amount, { font: w.bold, align: 'right' });
  w.rule();
  for (const line of content.lines) {
    w.advance(16);
    w.text(w.fit(line.name, w.regular, 10, COLUMNS.quantity - COLUMNS.item - 40), COLUMNS.item);
    w.text(line.quantity, COLUMNS.quantity, { align: 'right' });
    w.text(line.unitPrice, COLUMNS.unitPrice, { align: 'right' });
    w.text(line.amount, COLUMNS.amount, { align: 'right' });
    w.advance(11);
    w.text(w.fit(`SKU ${line.sku}`, w.regular, 8, COLUMNS.quantity - COLUMNS.item - 40), COLUMNS.item, { size: 8, grey: true });
  }
  w.rule();

  w.advance(10);
  content.totals.forEach((row, index) => {
    const last = index === content.totals.length - 1;
    w.advance(last ? 20 : 16);
    const font = last ? w.bold : w.regular;
    w.text(row.label, COLUMNS.unitPrice, { font, align: 'right', size: last ? 12 : 10 });
    w.text(row.amount, COLUMNS.amount, { font, align: 'right', size: last ? 12 : 10 });
  });

  return Buffer.from(await doc.save());
}
