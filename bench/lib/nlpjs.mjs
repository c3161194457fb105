// NLP.js (@nlpjs/nlp with the English pack), trained and queried as its documentation shows: the peer the few-shot
// benchmark runs on the same phrases in the same process. Its own threshold (settings.threshold, 0.5) answers "None".

/** Trains on `{text, intent}` rows; returns predict(text) → {top, intent, score}: `intent` is "None" below its threshold. */
export async function trainNlpJs(rows, seed) {
  const [{ containerBootstrap }, { Nlp }, { LangEn }] = await Promise.all([
    import('@nlpjs/core'),
    import('@nlpjs/nlp'),
    import('@nlpjs/lang-en-min'),
  ]);
  const container = await containerBootstrap();
  container.use(Nlp);
  container.use(LangEn);
  const nlp = container.get('nlp');
  nlp.settings.autoSave = false;
  nlp.settings.log = false;
  nlp.settings.nlu = { log: false, seed };
  nlp.addLanguage('en');
  for (const row of rows) nlp.addDocument('en', row.text, row.intent);
  const started = performance.now();
  await nlp.train();
  const trainSeconds = (performance.now() - started) / 1000;
  return {
    trainSeconds,
    async predict(text) {
      const result = await nlp.process('en', text);
      const top = result.classifications?.[0]?.intent ?? result.intent;
      return { top, intent: result.intent, score: result.score };
    },
  };
}
