import 'reflect-metadata';
import { listen } from '../../platform/server/listen';
import { missionsLocales } from './server';

void listen(missionsLocales);
