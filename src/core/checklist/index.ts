export * from './questions';
export * from './answers';
export * from './outcome';
export * from './fromDiary';
export * from './flow';
export * from './result';
