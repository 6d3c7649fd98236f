// How to read the digest, in a few sentences: the last line of its thread
// and the help page of `/pdsa digest`. It explains the words the first
// message uses and the statistics the thread gives.

export const READING_GUIDE = [
  'A site **stands apart** when its figures have sat above or below the rest of the network week after week, by more than its own ups and downs from week to week; one unusual week is not enough, unless it is far beyond what the site’s size would explain.',
  'Each site is also compared with its own usual level, its median (the dashed line in its panel): a **run** is a stretch of weeks in a row on one side of it, and a **shift** is a run of 6 weeks or more. A run longer than chance gives for that many weeks, or a line that rarely crosses its median, means something changed at that site.',
  'Small sites get **wider limits**: one student is 5 points of a class of 20 but a quarter of a point of a school of 400, so a small site’s figure swings more from week to week and must move further before the digest calls it different.',
  'Predictions are set against results to show what surprised us: a gap is where the learning is.',
].join(' ');
