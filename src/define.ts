/** Registers every Courbaril element (side effect). */
export {};
