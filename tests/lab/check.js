/* check.js DOCS SHOTS EMLAB — make lab-check: the lab as a student uses it,
 * in Debian's Chromium (headless, driven by puppeteer-core), loaded from
 * file://. It clicks points in, starts, steps, runs, goes back, drags a
 * mean, saves, opens every preset and a bad file, and checks what the page
 * shows against the native `emlab fit` (EMLAB) run on the data the page
 * saved. Screenshots of each stage go to SHOTS. Fails (exit 1) on a wrong
 * number, a curve that fell, a console error, or any request leaving the
 * page. Prints the time an iteration takes with its redrawing at 10 000
 * points and K = 5 (a measurement, not a pass mark). */
'use strict';
const fs = require('fs'), path = require('path'), os = require('os');
const {execFileSync} = require('child_process');
const puppeteer = require('puppeteer-core');

const [docs, shots, emlab] = process.argv.slice(2).map(p => path.resolve(p));
const page_url = 'file://' + path.join(docs, 'lab.html');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'emlab-lab-check-'));
let failures = 0;
const check = (ok, what) => {
    console.log((ok ? 'ok   ' : 'FAIL ') + what);
    if (!ok) failures++;
};
const rel = (a, b) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

/* The native command on a data file the page saved: its (t, l) curve. */
function native(dataText, args) {
    const data = path.join(tmp, 'data.txt'), out = path.join(tmp, 'fit');
    fs.writeFileSync(data, dataText);
    const printed = execFileSync(emlab, ['fit', data, ...args, '-f', 'none', '--out', out],
                                 {cwd: tmp, encoding: 'utf8'});
    const curve = fs.readFileSync(path.join(out, 'loglik.dat'), 'utf8').split('\n').slice(1)
        .filter(Boolean).map(line => line.split(' ').map(Number));
    return {printed, curve};
}

(async () => {
    fs.mkdirSync(shots, {recursive: true});
    const browser = await puppeteer.launch({
        executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
        headless: true,
        userDataDir: path.join(tmp, 'profile'),
        protocolTimeout: 60000, /* a page that hangs fails in a minute */
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
               '--disable-background-networking', '--disable-component-update', '--disable-sync',
               '--allow-file-access-from-files'],
    });
    const page = await browser.newPage();
    const outside = [], errors = [];
    page.on('request', r => { if (!/^(file|data|blob):/.test(r.url())) outside.push(r.url()); });
    page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', e => errors.push(String(e)));
    await page.setViewport({width: 1280, height: 1000});
    const shot = async (name, full) => {
        await page.screenshot({path: path.join(shots, name), fullPage: true});
        console.log('     screenshot ' + path.join(path.basename(shots), name));
    };
    const lab = expr => page.evaluate(`(() => { const lab = window.emlabLab.lab; return ${expr}; })()`);
    const text = sel => page.$eval(sel, e => e.textContent);

    /* 1. It opens, from file://, on chapter 5 */
    await page.goto(page_url);
    await page.waitForFunction('window.emlabLab && window.emlabLab.ready', {timeout: 20000});
    check(await lab('lab.n') === 300 && await lab('lab.K') === 2, 'opens on chapter 5: 300 points, K = 2');
    check((await text('#status')).includes('iteration 0'), 'iteration 0, the chapter\'s start');
    await shot('01-open-chapter5.png');

    /* 2. Points by clicking */
    await page.select('#dims', '2');
    await page.click('#clear');
    check(await lab('lab.n') === 0, 'Clear leaves no points');
    const box = await page.$eval('#plot', e => { const r = e.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height}; });
    const clicks = [];
    for (let i = 0; i < 16; i++) { /* two groups, left-low and right-high */
        const a = (i * 2.39996) % (2 * Math.PI), r = 18 + (i % 4) * 14;
        clicks.push([box.x + box.w * 0.3 + r * Math.cos(a), box.y + box.h * 0.65 + r * Math.sin(a)]);
        clicks.push([box.x + box.w * 0.7 + r * Math.cos(a) * 1.6, box.y + box.h * 0.3 + r * Math.sin(a) * 0.7]);
    }
    for (const [x, y] of clicks)
        await page.mouse.click(x, y);
    check(await lab('lab.n') === 32, `32 clicks made 32 points (${await lab('lab.n')})`);
    await page.keyboard.down('Shift');
    await page.mouse.click(clicks[0][0], clicks[0][1]);
    await page.keyboard.up('Shift');
    check(await lab('lab.n') === 31, 'shift-click removed one');
    await shot('02-points-clicked.png');

    /* 3. Start, then step: M, E, and iterations by key */
    await page.select('#K', '2');
    await page.select('#init', 'kmeans++');
    await page.$eval('#seed', e => { e.value = '3'; });
    await page.click('#start');
    check(await lab('lab.t') === 0 && await lab('lab.fresh'), 'Start: iteration 0, responsibilities fresh');
    check(await page.$eval('#estep', e => e.disabled), 'E-step disabled while gamma is fresh');
    await page.click('#mstep');
    check(await lab('lab.t') === 1 && !(await lab('lab.fresh')), 'M-step: iteration 1, the E-step is due');
    check((await text('#status')).includes('next: the E-step'), 'the page says the E-step comes next');
    await page.click('#estep');
    for (let i = 0; i < 3; i++)
        await page.keyboard.press('Space');
    check(await lab('lab.t') === 4, 'three iterations by the space bar: iteration 4');
    const saved = async what => {
        await page.click(what === 'data' ? '#save-data' : '#save-params');
        return page.evaluate(w => window.emlabLab.saved[w], what);
    };
    const data = await saved('data');
    const n4 = native(data, ['-k', '2', '--init', 'kmeans++', '--seed', '3', '--tol', '0', '-n', '4']);
    const l4 = await lab('lab.loglik');
    check(rel(l4, n4.curve[4][1]) <= 1e-12,
          `log-likelihood at iteration 4: lab ${l4}, emlab fit ${n4.curve[4][1]}`);
    const shown = await text('#loglik');
    check(Math.abs(parseFloat(shown.replace('−', '-')) - n4.curve[4][1]) <= 1e-6 * Math.abs(n4.curve[4][1]),
          `the page shows it: ${shown}`);
    const curve4 = await lab('lab.curve()');
    check(curve4.length === 5 && curve4.every((p, i) => rel(p.l, n4.curve[i][1]) <= 1e-12),
          'the curve is emlab fit\'s at every iteration 0..4');
    await shot('03-stepped.png');

    /* 4. Run until converged: emlab fit's rule, emlab fit's iteration */
    await page.click('#run');
    await page.waitForFunction(() => !/running/.test(document.getElementById('status').textContent), {timeout: 30000});
    const t = await lab('lab.t'), lEnd = await lab('lab.loglik');
    const full = native(data, ['-k', '2', '--init', 'kmeans++', '--seed', '3']);
    const conv = full.printed.match(/converged after (\d+) iterations/);
    check(conv && +conv[1] === t, `Run stops where emlab fit converges: iteration ${t} (emlab fit: ${conv && conv[1]})`);
    check(rel(lEnd, full.curve[full.curve.length - 1][1]) <= 1e-12, `and at its log-likelihood ${lEnd}`);
    const curve = await lab('lab.curve()');
    check(curve.every((p, i) => i === 0 || p.l >= curve[i - 1].l - 1e-10 * Math.abs(curve[i - 1].l)) &&
          curve.every(p => !(p.mark & 1)), `the curve never fell (${curve.length} points)`);
    await shot('04-converged.png');

    /* 5. Back: each press undoes what one press did */
    await page.keyboard.press('ArrowLeft');
    check(await lab('lab.t') === t - 1 && await lab('lab.fresh'), '← undoes the last iteration');
    await page.click('#mstep');
    await page.click('#estep');
    await page.keyboard.press('ArrowLeft');
    check(await lab('lab.t') === t && !(await lab('lab.fresh')), '← undoes an E-step');
    await page.keyboard.press('ArrowLeft');
    check(await lab('lab.t') === t - 1 && await lab('lab.fresh'), '← again undoes its M-step');
    await page.click('#iterate');
    check(rel(await lab('lab.loglik'), lEnd) === 0, 'stepping again gives the same numbers');

    /* 6. Drag a mean by hand */
    await page.$eval('#plot', e => e.scrollIntoView());
    const m = await page.evaluate(() => {
        const T = document.getElementById('plot').T, mu = window.emlabLab.lab.means();
        const r = document.getElementById('plot').getBoundingClientRect();
        return [r.left + T.X(mu[0]), r.top + T.Y(mu[1])];
    });
    await page.mouse.move(m[0], m[1]);
    await page.mouse.down();
    await page.mouse.move(m[0] + 60, m[1] - 40, {steps: 6});
    await page.mouse.up();
    check(!(await lab('lab.fresh')) && (await text('#message')).includes('moved by hand'),
          'a dragged mean: the page says the E-step comes next');
    await shot('05-mean-dragged.png');
    await page.keyboard.press('e');
    const moved = await lab('lab.curve()');
    check(moved[moved.length - 1].mark === 2, 'the E-step after the move is marked on the curve, not judged');

    /* 7. Export: the saved files and the command go on in emlab fit */
    const params = await saved('params');
    const data2 = await saved('data');
    const cmd = await text('#command');
    check(cmd.startsWith('emlab fit points.txt -k 2 --init points-params.txt\n'), `the command: ${cmd.split('\n')[0]}`);
    check(params.startsWith('# saved by the emlab lab: points.txt, iteration'), 'the parameters say where they came from');
    fs.writeFileSync(path.join(tmp, 'params.txt'), params);
    const goOn = native(data2, ['-k', '2', '--init', 'params.txt', '--tol', '0', '-n', '3']);
    for (let i = 0; i < 3; i++)
        await page.click('#iterate');
    check(rel(await lab('lab.loglik'), goOn.curve[3][1]) <= 1e-12,
          'three iterations in the lab = three of emlab fit --init params.txt');

    /* 8. Every preset opens and draws */
    const presets = await page.$$eval('#preset option', os => os.map(o => o.value).filter(Boolean));
    const chapters = fs.readdirSync('chapters').filter(f => /^[0-9][0-9]_.*[.]c$/.test(f)).length;
    check(presets.length === chapters + 1,
          `${chapters + 1} presets, every chapter and Old Faithful (${presets.join(', ')})`);
    for (const id of presets) {
        await page.select('#preset', id);
        const ok = await lab('lab.K > 0 && lab.curve().length === 1');
        check(ok && !(await page.$eval('#message', e => e.classList.contains('error'))),
              `${id}: opens with its start, iteration 0`);
        if (id === '03_em_1d' || id === 'old_faithful' || id === '02_responsibilities') {
            for (let i = 0; i < 5; i++)
                await page.keyboard.press('Space');
            await shot(`06-preset-${id}.png`);
        }
    }

    /* 9. A bad file: its name, line and problem on the page, nothing lost */
    const bad = path.join(tmp, 'bad.txt');
    fs.writeFileSync(bad, '1 2\n3 oops\n');
    const before = await lab('lab.n');
    const input = await page.$('#load');
    await input.uploadFile(bad);
    await page.waitForFunction(() => /bad\.txt/.test(document.getElementById('message').textContent));
    const said = await text('#message');
    check(/bad\.txt:2:/.test(said) && await lab('lab.n') === before, `a bad file is refused: "${said}"`);
    await shot('07-bad-file.png');

    /* 10. A phone's width */
    await page.setViewport({width: 390, height: 900});
    await page.goto(page_url + '#04_em_fill_in');
    await page.waitForFunction('window.emlabLab && window.emlabLab.ready');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    check(wide <= 390, `fits a 390 px screen (${wide} px wide)`);
    await shot('08-phone.png', true);

    /* 11. Speed: 10 000 points, K = 5, an iteration and its redrawing */
    await page.setViewport({width: 1280, height: 1000});
    await page.goto(page_url);
    await page.waitForFunction('window.emlabLab && window.emlabLab.ready');
    await page.$eval('#sample-n', e => { e.value = '10000'; });
    await page.$eval('#sample-k', e => { e.value = '5'; });
    await page.$eval('#seed', e => { e.value = '7'; });
    await page.select('#dims', '2');
    await page.click('#sample');
    await page.select('#K', '5');
    await page.click('#start');
    await page.$eval('#speed', e => { e.value = '61'; e.dispatchEvent(new Event('input')); });
    await page.evaluate(() => { window.emlabLab.stats.frames.length = window.emlabLab.stats.stamps.length = 0; });
    for (let seed = 7; seed < 17; seed++) { /* runs from new starts until 60 frames are timed */
        await page.$eval('#seed', (e, v) => { e.value = String(v); }, seed);
        await page.click('#start');
        await page.click('#run');
        await page.waitForFunction(() => window.emlabLab.stats.frames.length >= 60 ||
                                   !/running/.test(document.getElementById('status').textContent), {timeout: 60000});
        if (await page.evaluate(() => /running/.test(document.getElementById('status').textContent)))
            await page.click('#run');
        if (await page.evaluate(() => window.emlabLab.stats.frames.length >= 60))
            break;
    }
    const frames = await page.evaluate(() => window.emlabLab.stats.frames.slice().sort((a, b) => a - b));
    const median = frames[Math.floor(frames.length / 2)], worst = frames[frames.length - 1];
    /* the gaps between successive frames of a run, the browser's painting included */
    const gaps = await page.evaluate(() => {
        const s = window.emlabLab.stats.stamps, g = [];
        for (let i = 1; i < s.length; i++) if (s[i] - s[i - 1] < 500) g.push(s[i] - s[i - 1]);
        return g.sort((a, b) => a - b);
    });
    const gap = gaps[Math.floor(gaps.length / 2)];
    console.log(`     speed: 10 000 points, K = 5: an iteration with its redrawing takes ${median.toFixed(1)} ms ` +
                `(median of ${frames.length}; slowest ${worst.toFixed(1)} ms); running flat out, a frame ` +
                `every ${gap.toFixed(1)} ms (${(1000 / gap).toFixed(0)} a second, the display's limit included)`);
    check(frames.length >= 60, `the run was measured (${frames.length} frames)`);
    await shot('09-10000-points.png');

    /* 12. What the hostile review found, each fixed and held here */
    await page.goto(page_url + '#03_em_1d');
    await page.waitForFunction('window.emlabLab && window.emlabLab.ready');
    const load = async (name, text) => {
        const file = path.join(tmp, name);
        fs.writeFileSync(file, text);
        await page.$eval('#message', e => { e.textContent = ''; });
        await (await page.$('#load')).uploadFile(file);
        await page.waitForFunction(() => document.getElementById('message').textContent !== '');
    };
    await page.select('#K', '1');
    await page.select('#init', 'dirichlet');
    await page.click('#start');
    await page.click('#iterate'); /* l_0 and l_1 1e-14 apart: the curve's ticks used to loop for ever */
    check(await lab('lab.t') === 1, 'K = 1 from Dirichlet responsibilities: an iteration draws (no hang)');
    await load('floor.txt', fs.readFileSync('tests/data/lab_falls_at_floor.txt', 'utf8'));
    await page.select('#K', '7');
    await page.select('#init', 'kmeans++');
    await page.$eval('#seed', e => { e.value = '3'; });
    await page.$eval('#fixed', e => { e.checked = true; });
    await page.click('#start');
    await page.click('#run');
    await page.waitForFunction(() => !/running/.test(document.getElementById('status').textContent), {timeout: 30000});
    const floorCurve = await lab('lab.curve()');
    check(floorCurve.some(p => p.mark & 4) && !floorCurve.some(p => p.mark & 1) &&
          !/a step is wrong/.test(await text('#message') + await text('#status')),
          'a dip at the variance floor is named as such, not as a wrong step');
    await load('restart.txt', fs.readFileSync('tests/data/lab_restart.txt', 'utf8'));
    await page.select('#K', '8');
    await page.select('#init', 'dirichlet');
    await page.$eval('#seed', e => { e.value = '70'; });
    await page.$eval('#fixed', e => { e.checked = false; });
    await page.click('#start');
    let restartSaid = '';
    for (let i = 0; i < 40 && !restartSaid; i++) {
        await page.click('#iterate');
        const m = await text('#message');
        if (/restarted/.test(m)) restartSaid = m;
    }
    check(restartSaid !== '', `an emptied component's restart is said: "${restartSaid.slice(0, 90)}..."`);
    const nBefore = await lab('lab.n'), xBefore = JSON.stringify(await lab('lab.x().slice(0, 4)'));
    await page.$eval('#seed', e => { e.value = '-1'; });
    await page.click('#sample');
    check(await lab('lab.n') === nBefore && JSON.stringify(await lab('lab.x().slice(0, 4)')) === xBefore &&
          /seed is a whole number/.test(await text('#message')), 'a bad seed draws no sample');
    await page.$eval('#seed', e => { e.value = '0'; });
    await page.$eval('#plot', e => e.scrollIntoView());
    const corner = await page.$eval('#plot', e => { const r = e.getBoundingClientRect(); return [r.left + 5, r.top + 5]; });
    await page.mouse.click(corner[0], corner[1]);
    check(await lab('lab.n') === nBefore, 'a click in the margin adds no hidden point');
    await load('my data; rm.txt', '1 2\n3 4\n5 7\n2 2\n');
    check((await text('#command')).startsWith("emlab fit 'my data; rm.txt' -k"), 'file names are quoted in the command');
    await load('cr.txt', '1 2\r3 4\r5 7\r2 2\r');
    check(await lab('lab.n') === 4 && await lab('lab.d') === 2, 'a file with CR line ends reads as 4 points in 2-D');
    await load('same.txt', '1000\n1000\n1000\n1000\n');
    await page.select('#K', '1');
    await page.click('#start');
    check(await page.evaluate(() => document.getElementById('plot').T.y1 > 0),
          'four equal points, K = 1: the density is drawn (the window has a height)');
    await shot('10-equal-points.png');

    check(outside.length === 0, `no request left the page${outside.length ? ': ' + outside.join(', ') : ''}`);
    check(errors.length === 0, `no console error${errors.length ? ': ' + errors.join(' | ') : ''}`);
    await browser.close();
    fs.rmSync(tmp, {recursive: true, force: true});
    console.log(failures ? `lab-check: ${failures} failed` : 'lab-check: all passed');
    process.exit(failures ? 1 : 0);
})().catch(e => {
    console.error('lab-check: ' + (e && e.stack || e));
    process.exit(1);
});
