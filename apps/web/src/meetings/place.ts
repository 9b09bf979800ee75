import { DIGITAL_PLACE } from '@samraad/schema';
import { meetingMessages as m } from './meetingMessages.js';

/** A meeting's place as people read it: "Digitalt" for an online meeting, else as written. */
export const placeLabel = (place: string) => (place.toLowerCase() === DIGITAL_PLACE ? m.digitalPlace : place);
