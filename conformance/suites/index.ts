// Every conformance suite, in the order reports list them.
import type { SuiteDefinition } from '../dsl/test-definition.js';
import { abhaSuite } from './abha/index.js';
import { hipSuite } from './hip/index.js';
import { hiuSuite } from './hiu/index.js';

export const SUITES: ReadonlyArray<SuiteDefinition> = [abhaSuite, hipSuite, hiuSuite];
