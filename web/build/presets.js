/* presets.js BUILD OUT — the lab's presets, packed into one script (make lab).
 *
 * Each chapter is run (--format none) and hands on its data and start
 * (data.txt, start.txt: em_fig_handoff); the lab opens a chapter with them,
 * as "try this in the lab" on its page promises. Old Faithful comes from
 * tests/data, standardised as Bishop does. Writes OUT: a script that sets
 * EMLAB_PRESETS, an array of
 *   {id, title, data, start, options, standardize, K, init}
 * where options are the command-line options of start.txt's "go on from
 * here" line (--reg, --fixed-weights). Any failure: a message, exit 1. */
'use strict';
const fs = require('fs'), path = require('path'), os = require('os');
const {execFileSync} = require('child_process');
const [build, out] = process.argv.slice(2);

const fail = msg => { process.stderr.write('presets.js: ' + msg + '\n'); process.exit(1); };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'emlab-presets-'));
const presets = [];
try {
    for (const file of fs.readdirSync('chapters').filter(f => /^\d\d_.*\.c$/.test(f)).sort()) {
        const id = file.slice(0, -2), dir = path.join(tmp, id);
        execFileSync(path.join(build, id), ['--format', 'none', '--out', dir], {stdio: 'ignore'});
        const heading = fs.readFileSync(path.join('chapters', file), 'utf8')
            .match(/^ \* # (Chapter \d+: .*)$/m);
        if (!heading)
            fail(`chapters/${file} has no "# Chapter N: title" heading`);
        const data = fs.readFileSync(path.join(dir, 'data.txt'), 'utf8');
        const start = fs.readFileSync(path.join(dir, 'start.txt'), 'utf8');
        const go = start.match(/^# go on from here: emlab fit data\.txt -k (\d+) --init start\.txt(.*)$/m);
        if (!go)
            fail(`${id}'s start.txt does not say how to go on`);
        presets.push({id, title: heading[1], data, start, options: go[2].trim(),
                      standardize: false, K: +go[1], init: 'kmeans++'});
    }
    presets.push({id: 'old_faithful', title: 'Old Faithful, standardised (272 eruptions)',
                  data: fs.readFileSync('tests/data/old_faithful.csv', 'utf8'), start: null,
                  options: '', standardize: true, K: 2, init: 'kmeans++'});
} catch (e) {
    fail(e.message);
} finally {
    fs.rmSync(tmp, {recursive: true, force: true});
}
fs.writeFileSync(out + '.tmp', '/* made by web/build/presets.js from the chapters: do not edit */\n' +
                 'var EMLAB_PRESETS = ' + JSON.stringify(presets) + ';\n');
fs.renameSync(out + '.tmp', out);
