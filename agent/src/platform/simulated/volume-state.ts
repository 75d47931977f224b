// One simulated volume: protectors with their secrets, and a conversion that moves on with the clock.
import type {
  ConversionStatus,
  DriveType,
  EncryptionMethod,
  KeyProtectorType,
} from '@openmbam/server/protocol';
import type { Volume } from '../platform';

export interface SimulatedProtector {
  id: string;
  type: KeyProtectorType;
  /** only for `NumericalPassword` */
  password?: string;
}

export interface SimulatedVolumeSpec {
  volumeId: string;
  mountPoint: string;
  driveType: DriveType;
  conversionStatus?: ConversionStatus;
  encryptionPercentage?: number;
  encryptionMethod?: EncryptionMethod;
  protectionSuspended?: boolean;
  locked?: boolean;
  autoUnlockEnabled?: boolean;
  protectors?: SimulatedProtector[];
}

export class SimulatedVolume {
  readonly volumeId: string;
  readonly mountPoint: string;
  readonly driveType: DriveType;
  conversionStatus: ConversionStatus;
  /** percentage as of `progressAt` */
  percentage: number;
  progressAt = 0;
  encryptionMethod: EncryptionMethod;
  protectionSuspended: boolean;
  locked: boolean;
  autoUnlockEnabled: boolean;
  protectors: SimulatedProtector[];

  constructor(spec: SimulatedVolumeSpec) {
    this.volumeId = spec.volumeId;
    this.mountPoint = spec.mountPoint;
    this.driveType = spec.driveType;
    this.conversionStatus = spec.conversionStatus ?? 'FullyDecrypted';
    this.percentage = spec.encryptionPercentage ?? (this.conversionStatus === 'FullyEncrypted' ? 100 : 0);
    this.encryptionMethod =
      spec.encryptionMethod ?? (this.conversionStatus === 'FullyDecrypted' ? 'None' : 'XtsAes128');
    this.protectionSuspended = spec.protectionSuspended ?? false;
    this.locked = spec.locked ?? false;
    this.autoUnlockEnabled = spec.autoUnlockEnabled ?? false;
    this.protectors = spec.protectors ? [...spec.protectors] : [];
  }

  /** Moves a running conversion forward to `now` at `percentPerMinute`. */
  advance(now: number, percentPerMinute: number): void {
    const running =
      this.conversionStatus === 'EncryptionInProgress' || this.conversionStatus === 'DecryptionInProgress';
    if (running) {
      const step = ((now - this.progressAt) / 60_000) * percentPerMinute;
      if (this.conversionStatus === 'EncryptionInProgress') {
        this.percentage = Math.min(100, this.percentage + step);
        if (this.percentage >= 100) this.conversionStatus = 'FullyEncrypted';
      } else {
        this.percentage = Math.max(0, this.percentage - step);
        if (this.percentage <= 0) {
          this.conversionStatus = 'FullyDecrypted';
          this.encryptionMethod = 'None';
          this.protectors = [];
        }
      }
    }
    this.progressAt = now;
  }

  /** Windows reports protection On only for a fully encrypted volume with protectors that are not suspended. */
  view(): Volume {
    const on =
      this.conversionStatus === 'FullyEncrypted' && !this.protectionSuspended && this.protectors.length > 0;
    return {
      volumeId: this.volumeId,
      mountPoint: this.mountPoint,
      driveType: this.driveType,
      locked: this.locked,
      conversionStatus: this.locked ? null : this.conversionStatus,
      encryptionPercentage: this.locked ? null : Math.floor(this.percentage * 10) / 10,
      encryptionMethod: this.encryptionMethod,
      protectionStatus: this.locked ? 'Unknown' : on ? 'On' : 'Off',
      autoUnlockEnabled: this.driveType === 'OperatingSystem' ? null : this.autoUnlockEnabled,
      keyProtectors: this.protectors.map((p) => ({ id: p.id, type: p.type })),
    };
  }
}
