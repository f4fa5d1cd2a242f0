import 'reflect-metadata';
import { listen } from '../../platform/server/listen';
import { pjj } from './server';

void listen(pjj);
