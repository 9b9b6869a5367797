/**
 * An own data property's value; inherited properties and accessors read as absent, so reading
 * a hostile file's object never runs a getter or picks up a prototype's value.
 */
export function own(value: object, key: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(value, key);
  return descriptor !== undefined && 'value' in descriptor ? descriptor.value : undefined;
}
