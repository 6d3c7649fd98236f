import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// Slim production images ship no system fonts and resvg draws no text without
// one, so the chart brings its own. The package ships TTF, which resvg can load
// (it cannot load woff/woff2).
const REGULAR = '@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf';
const BOLD = '@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf';

function resolve(id: string): string | undefined {
  try {
    return require.resolve(id);
  } catch {
    return undefined;
  }
}

let cached: { regular: string | undefined; bold: string | undefined } | undefined;

/** Paths of the bundled faces; undefined where the package is missing. */
export function bundledFonts(): { regular: string | undefined; bold: string | undefined } {
  cached ??= { regular: resolve(REGULAR), bold: resolve(BOLD) };
  return cached;
}

export function bundledFontFiles(): string[] {
  const { regular, bold } = bundledFonts();
  return [regular, bold].filter((p): p is string => p !== undefined);
}
