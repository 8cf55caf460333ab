// Every conformance suite, in the order reports list them.
import type { SuiteDefinition } from '../dsl/test-definition.js';
import { hipSuite } from './hip/index.js';
import { hiuSuite } from './hiu/index.js';

export const SUITES: ReadonlyArray<SuiteDefinition> = [hipSuite, hiuSuite];
