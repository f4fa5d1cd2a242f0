import { defineAccessLogContribution } from '../../../platform/audit/access-log';
import { SUBGRAPHS } from '../../../platform/partners';

/** The Éducation nationale subgraph's access trail, contributed to `accessLog(youngId)`. */
export const {
  AccessLog,
  AccessLogResolver,
  referenceResolvers: accessLogReference,
} = defineAccessLogContribution(SUBGRAPHS['education-nationale']);
