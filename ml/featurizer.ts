/**
 * The one featurizer, used by training and by the inference service: a document becomes
 * a sparse vector over a hashed feature space of word n-grams (and optionally character
 * n-grams of each word), with sub-linear term frequency `1 + ln(count)`.
 *
 * Learned weighting (IDF, L2 normalisation) is not done here: it is part of the model
 * (and of its ONNX graph), so this module holds no state and is configured only by the
 * {@link FeaturizerConfig} recorded in the model card.
 */
import { FNV_OFFSET, fnvUpdate, fnvUpdateUnit } from "./hashing.ts";
import { cleanText, tokenize } from "./text_clean.ts";

export interface FeaturizerConfig {
  /** The feature space has `2 ** bucketBits` buckets. */
  readonly bucketBits: number;
  /** Longest word n-gram (1 = unigrams, 2 = uni+bigrams, …). */
  readonly wordNgrams: number;
  /** Character n-gram lengths taken inside each word (with `<` `>` boundaries), or none. */
  readonly charNgrams: { readonly min: number; readonly max: number } | null;
  /** Title words also count as separate `title:` features. */
  readonly titleFeatures: boolean;
}

export interface Document {
  readonly title?: string;
  readonly text: string;
}

/** Sparse vector: strictly increasing bucket indices and their values. */
export interface SparseFeatures {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** Words longer than this are cut for character n-grams (a 32 KB "word" stays cheap). */
const MAX_CHAR_NGRAM_WORD = 40;
const SEP = 0x20;
const TITLE_SEED = fnvUpdate(FNV_OFFSET, "title:");
const CHAR_SEED = fnvUpdate(FNV_OFFSET, "char:");

function addWordNgrams(
  words: readonly string[],
  seed: number,
  n: number,
  add: (h: number) => void,
) {
  for (let i = 0; i < words.length; i++) {
    let h = seed;
    for (let k = 0; k < n && i + k < words.length; k++) {
      if (k > 0) h = fnvUpdateUnit(h, SEP);
      h = fnvUpdate(h, words[i + k]!);
      add(h);
    }
  }
}

function addCharNgrams(word: string, min: number, max: number, add: (h: number) => void) {
  const w = `<${word.length > MAX_CHAR_NGRAM_WORD ? word.slice(0, MAX_CHAR_NGRAM_WORD) : word}>`;
  for (let i = 0; i < w.length; i++) {
    let h = CHAR_SEED;
    for (let k = 0; k < max && i + k < w.length; k++) {
      h = fnvUpdateUnit(h, w.charCodeAt(i + k));
      if (k + 1 >= min) add(h);
    }
  }
}

/** The words of a document (title then text), after {@link cleanText}. */
export function documentWords(doc: Document): { title: string[]; body: string[] } {
  return {
    title: doc.title === undefined ? [] : tokenize(cleanText(doc.title)),
    body: tokenize(cleanText(doc.text)),
  };
}

/** Featurize one document. Deterministic; identical for training and serving. */
export function featurize(doc: Document, config: FeaturizerConfig): SparseFeatures {
  const mask = (1 << config.bucketBits) - 1;
  const buckets: number[] = [];
  const add = (h: number) => void buckets.push(h & mask);
  const { title, body } = documentWords(doc);
  const words = title.length === 0 ? body : title.concat(body);
  addWordNgrams(words, FNV_OFFSET, config.wordNgrams, add);
  if (config.titleFeatures) addWordNgrams(title, TITLE_SEED, 1, add);
  if (config.charNgrams !== null) {
    for (const w of words) addCharNgrams(w, config.charNgrams.min, config.charNgrams.max, add);
  }
  // Sort, then count runs: cheaper than a Map for a few hundred features.
  const sorted = Int32Array.from(buckets).sort();
  let unique = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) unique++;
  const indices = new Int32Array(unique);
  const values = new Float32Array(unique);
  let k = -1;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) {
      indices[++k] = sorted[i]!;
      values[k] = 1;
    } else {
      values[k]!++;
    }
  }
  for (let j = 0; j < unique; j++) if (values[j] !== 1) values[j] = 1 + Math.log(values[j]!);
  return { indices, values };
}
