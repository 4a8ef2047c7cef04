// Runs Ghost's gscan (6.x, which needs Node 22) on a theme folder for Ghost 5 and prints its
// errors and warnings as JSON. Started by test/themes/gscan.test.ts under an npm-packaged Node 22:
// node gscan-run.cjs <gscan package dir> <theme dir>
const [gscanDir, themeDir] = process.argv.slice(2);
const gscan = require(gscanDir);
gscan
  .check(themeDir, { checkVersion: 'v5' })
  .then((theme) => {
    const report = gscan.format(theme, { checkVersion: 'v5', sortByFiles: false });
    const pick = (level) => report.results[level].map((rule) => ({ code: rule.code, fatal: Boolean(rule.fatal), rule: String(rule.rule).replace(/<[^>]+>/g, ''), failures: (rule.failures || []).map((failure) => ({ file: failure.ref, message: String(failure.message || '') })) }));
    console.log(JSON.stringify({ errors: pick('error'), warnings: pick('warning') }));
  })
  .catch((error) => {
    console.error(error && error.stack ? error.stack : String(error));
    process.exit(2);
  });
