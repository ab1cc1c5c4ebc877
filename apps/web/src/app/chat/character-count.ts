/** "1 character too many", "500 characters too many": how far over its limit a text is. */
export function charactersTooMany(over: number): string {
  return `${over} ${over === 1 ? 'character' : 'characters'} too many`;
}

/** "1 character left", "10 characters left". */
export function charactersLeft(left: number): string {
  return `${left} ${left === 1 ? 'character' : 'characters'} left`;
}
