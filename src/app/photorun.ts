// A run given photos (#19): they are matched once the run's check is known (the roster as it is
// now), and the match is kept for what follows the run (the report's photo issues, the zip).
import type { CheckResult } from "./check";
import { checkPhotos, type PhotoCheck, type PhotoImages, type PhotoSource } from "./photos";
import { photoKey } from "../forms/photobox";

/** Each matched applicant's prepared JPEG by its picture key (forms/photobox photoKey). */
export function photosByKey(check: PhotoCheck): Map<string, () => Uint8Array> {
  return new Map(check.matched.map((m) => [photoKey(m.applicant.idNumber), () => m.prepare()]));
}

/** RunOptions.photos for photos offered with a run, and the check it made (null until the run got there). */
export function offeredPhotos(sources: readonly PhotoSource[], images: PhotoImages): { photos: (result: CheckResult) => Map<string, () => Uint8Array>; check: () => PhotoCheck | null } {
  let check: PhotoCheck | null = null;
  return {
    photos: (result) => photosByKey((check = checkPhotos(sources, result, result.settings.photos, images))),
    check: () => check,
  };
}
