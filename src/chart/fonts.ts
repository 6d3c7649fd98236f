import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

// Slim production images ship no system fonts and resvg draws no text without
// one, so the chart brings its own: Inter, whose package ships TTF, which
// resvg can load (it cannot load woff/woff2). Most charts draw with Latin
// subsets of it kept beside this file (scripts/subset-chart-fonts.sh): resvg
// lays out each text against the whole font, and the full font's tables
// tripled the time a 24-panel chart's text took.

export type Faces = { regular: string | undefined; bold: string | undefined };

const FULL = {
  regular: '@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf',
  bold: '@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf',
};
const LATIN = {
  regular: new URL('./fonts/Inter-Regular-Latin.ttf', import.meta.url),
  bold: new URL('./fonts/Inter-Bold-Latin.ttf', import.meta.url),
};

function resolve(id: string): string | undefined {
  try {
    return require.resolve(id);
  } catch {
    return undefined;
  }
}

function local(url: URL): string | undefined {
  const path = fileURLToPath(url);
  return existsSync(path) ? path : undefined;
}

let full: Faces | undefined;
let latin: Faces | undefined;

/** The whole of Inter, from its package; undefined where the package is missing. */
export function bundledFonts(): Faces {
  full ??= { regular: resolve(FULL.regular), bold: resolve(FULL.bold) };
  return full;
}

/** Inter's Latin subset, the faces most charts are drawn with. */
export function latinFonts(): Faces {
  latin ??= { regular: local(LATIN.regular), bold: local(LATIN.bold) };
  return latin;
}

export function fontFiles(faces: Faces): string[] {
  return [faces.regular, faces.bold].filter((p): p is string => p !== undefined);
}
