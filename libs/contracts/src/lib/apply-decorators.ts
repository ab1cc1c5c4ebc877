/**
 * One property decorator made of several, as if they were stacked in this order above the property: the last
 * runs first, as TypeScript applies stacked decorators. (The contracts library stays free of Nest.)
 */
export function applyDecorators(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => {
    for (const decorator of [...decorators].reverse()) decorator(target, key);
  };
}
