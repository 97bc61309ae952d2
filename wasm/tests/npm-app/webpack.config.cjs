// README „webpack“: no rule for the .wasm needed; webpack 5 emits it as an asset.
module.exports = {
  mode: 'production',
  entry: './src/plain.js',
  output: { path: `${__dirname}/dist-webpack`, filename: 'main.js' },
  performance: { hints: false },
};
