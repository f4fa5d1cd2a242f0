import { defineAccessLogContribution } from '../../../platform/audit/access-log';
import { SUBGRAPHS } from '../../../platform/partners';

/** The CFA subgraph's access trail, contributed to `accessLog(youngId)`. */
export const {
  AccessLog,
  AccessLogResolver,
  referenceResolvers: accessLogReference,
} = defineAccessLogContribution(SUBGRAPHS.cfa);
