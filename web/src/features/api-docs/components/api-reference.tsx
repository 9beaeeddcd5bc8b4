import { ApiReferenceReact } from '@scalar/api-reference-react';
import '@scalar/api-reference-react/style.css';

/**
 * Scalar's renderer of the served OpenAPI document. Its own module, loaded only by the /docs
 * route (React.lazy), so the console's first load does not carry it.
 */
export default function ApiReference({ url }: { url: string }) {
  return <ApiReferenceReact configuration={{ url, hideClientButton: false }} />;
}
