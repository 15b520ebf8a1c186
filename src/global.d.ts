// Webpack provides `global` in the bundle (gas-webpack-plugin looks for `global.NAME = …`).
// Declared here so src/ type-checks without Node's types; identical to @types/node's declaration.
// eslint-disable-next-line no-var
declare var global: typeof globalThis;
