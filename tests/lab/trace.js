/* trace.js CORE DATA K INIT SEED ITERS — the lab's WebAssembly core stepped
 * under node, as the page steps it: DATA loaded, K components started by
 * INIT (data, dirichlet, random, kmeans++) with SEED, then ITERS
 * iterations. Prints, for t = 0..ITERS, one line:
 *
 *   t l pi_1..pi_K mu (K x d) Sigma (K x d x d)
 *
 * each number in JavaScript's shortest form that reads back as the same
 * double (test_lab.c compares them with `emlab fit`'s). Errors: one line
 * on stderr, exit 1. */
'use strict';
const fs = require('fs'), path = require('path');
const [core, data, K, init, seed, iters] = process.argv.slice(2);
const {Lab} = require(path.resolve(__dirname, '../../web/lab-api.js'));

require(path.resolve(core))().then(M => {
    const lab = new Lab(M);
    const fail = msg => { process.stderr.write('trace.js: ' + msg + '\n'); process.exit(1); };
    const line = () => [lab.t, lab.loglik, ...lab.weights(), ...lab.means(), ...lab.covs()]
        .map(v => String(v)).join(' ');
    let said = lab.loadText(path.basename(data), fs.readFileSync(data, 'utf8'));
    if (said || (said = lab.start(+K, init, +seed, false)))
        fail(said);
    const out = [line()];
    for (let t = 1; t <= +iters; t++) {
        if ((said = lab.iterate()))
            fail(said);
        out.push(line());
    }
    process.stdout.write(out.join('\n') + '\n');
});
