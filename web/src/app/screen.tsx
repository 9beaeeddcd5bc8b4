import { Suspense, lazy, type ComponentType, type ReactNode } from 'react';
import { PageLoader } from '@/components/page-loader';

/** A screen of its own chunk, loaded when first opened (the loader names the export to show). */
export function screen<Props extends object = object>(load: () => Promise<{ default: ComponentType<NoInfer<Props>> }>) {
  const Screen = lazy(load);
  return (props: Props): ReactNode => (
    <Suspense fallback={<PageLoader />}>
      <Screen {...props} />
    </Suspense>
  );
}
