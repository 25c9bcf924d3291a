/**
 * The error of a start refused because another live process holds the
 * embedded database directory. In its own file so that the command line can
 * recognise it without loading the database drivers.
 */
export class DatabaseBusyError extends Error {}
