import type { ComponentType } from 'react';
import type { CustomerProfile, Settings } from './api-client';

/**
 * The contract between the profile page and the features that plug tabs and actions into it
 * (composed in `app/registry.tsx`). It lives here, not in a feature, because features never
 * import each other.
 */

/** What every profile tab receives. A tab loads whatever else it needs with its own hooks. */
export interface ProfileTabProps {
  /** The profile as last read (GET /v1/customers/{id}); its `version` goes in `If-Match`. */
  readonly customer: CustomerProfile;
  /** False for viewers: the tab shows no write controls. */
  readonly canWrite: boolean;
  /** Re-reads the profile (e.g. the Reload of a 412). */
  readonly reload: () => void;
}

export interface ProfileTab {
  /** In the URL (`?tab=`). */
  readonly value: string;
  readonly label: string;
  readonly component: ComponentType<ProfileTabProps>;
  /** Shown only when this holds (e.g. a feature the tenant turned on). */
  readonly visible?: (settings: Settings | undefined) => boolean;
}

/** Buttons beside the header's Login (new order, reservation), given by the app. */
export type ProfileActions = ComponentType<{ customer: CustomerProfile }>;
