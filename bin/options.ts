// Parsing and checking of numeric and enumerated CLI options; a bad value is a usage error (exit 2).
import { InvalidArgumentError } from 'commander';

/** commander option parser for an integer within [min, max]. */
export function integerOption(name: string, min: number, max: number = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value.replace(/_/g, ''))) throw new InvalidArgumentError(`${name} must be an integer, not "${value}"`);
    const n = Number(value.replace(/_/g, ''));
    if (n < min || n > max) throw new InvalidArgumentError(`${name} must be between ${min} and ${max}, not ${n}`);
    return n;
  };
}

/** commander option parser for one of a fixed set of words. */
export function choiceOption<T extends string>(name: string, choices: ReadonlyArray<T>) {
  return (value: string): T => {
    if (!(choices as ReadonlyArray<string>).includes(value)) throw new InvalidArgumentError(`${name} must be one of ${choices.join(', ')}, not "${value}"`);
    return value as T;
  };
}
