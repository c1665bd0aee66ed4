/** Every metadata key Weft's decorators write, declared once. */
export const MetadataKeys = {
  /** The global {@link MetadataStore}, shared by every copy of the package in a process. */
  store: Symbol.for('weft:metadata-store'),
} as const;
