// The export contract module (docs/export-format.md): the one place that says what an export is, how
// its files are named, which consumer names are accepted, every limit, and what its readers share when a
// file is not one of this app's (section 11). The API, the command language, the command line, the readers
// (viewer, mirror) and the UI (types only) import it from here and nowhere else in workers/export/.

export { columnsProblem, countsProblem, describeValue, isRowCount, rowProblem } from './block-checks';
export { CONSUMER_NAME_RULE, DEFAULT_CONSUMER, isConsumerName, LIVE_CONSUMER } from './consumers';
export {
  checkDemoFileName,
  DEFAULT_DEMO_EVERY,
  DEMO_CONSUMER,
  DEMO_EVERY_RULE,
  DEMO_TAPE_SLOT,
  type DemoFile,
  type DemoProgress,
  type DemoRequest,
  type DemoSummary,
  defaultDemoFileName,
  isDemoEvery,
  MAX_DEMO_EVERY,
  MIN_DEMO_EVERY,
  placeTape,
} from './demo-file';
export {
  DEMO_TAPE_ELEMENT_ID,
  DEMO_TAPE_FORMAT,
  DEMO_TAPE_MEDIA_TYPE,
  DEMO_TAPE_PLACEHOLDER,
  DEMO_TAPE_VERSION,
  type DemoTape,
  type DemoTapeFile,
  type DemoTapeHeader,
  decodeDemoTape,
  encodeDemoTape,
  MAX_DEMO_TAPE_BYTES,
} from './demo-tape';
export {
  checkFileName,
  checkGivenFileName,
  defaultFileName,
  exportFileName,
  fileNamePart,
  uniqueFileName,
} from './file-names';
export {
  isSpeed,
  MAX_ADVANCE_MINUTES,
  MAX_CONSUMER_NAME_LENGTH,
  MAX_FILE_NAME_BYTES,
  MAX_REMEMBERED_EXPORTS,
  MAX_SPEED_MULTIPLIER,
  SPEED_RULE,
} from './limits';
export {
  boardBuffers,
  type FeedAnswer,
  type FeedMessage,
  type FeedPort,
  type SymbolBoard,
  transferListOf,
} from './live-feed';
export { type NoteKind, NoteTally } from './notes';
export {
  BAR_COLUMNS,
  DAILY_COLUMNS,
  defaultColumns,
  EQUITY_COLUMNS,
  isKnownVersion,
  keyText,
  type ModeRead,
  modeNote,
  ORDER_COLUMNS,
  QUOTE_COLUMNS,
  quoted,
  readMode,
  SIGNAL_COLUMNS,
  TICK_COLUMNS,
  versionNote,
} from './reading';
export {
  EXPORT_LAYOUTS,
  EXPORT_MODES,
  type ExportLayout,
  type ExportMetadata,
  type ExportMode,
  type ExportProgress,
  type ExportRequest,
  type ExportResult,
  FORMAT_VERSION,
  type PendingExport,
} from './types';
