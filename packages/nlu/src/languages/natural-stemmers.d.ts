// Types for the natural stemmers, imported by deep path so natural's slow index (all of NLP) is never loaded.
interface NaturalStemmer {
  stem(word: string): string;
}

declare module 'natural/lib/natural/stemmers/porter_stemmer' {
  const stemmer: NaturalStemmer;
  export default stemmer;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer_es' {
  const stemmer: NaturalStemmer;
  export default stemmer;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer_fr' {
  const stemmer: NaturalStemmer;
  export default stemmer;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer_de' {
  const stemmer: NaturalStemmer;
  export default stemmer;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer_it' {
  const stemmer: NaturalStemmer;
  export default stemmer;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer_pt' {
  const stemmer: NaturalStemmer;
  export default stemmer;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer_nl' {
  const stemmer: NaturalStemmer;
  export default stemmer;
}
