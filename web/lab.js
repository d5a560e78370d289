/* lab.js — the lab's page: it draws what the C core computes and passes
 * clicks and keys to it. No EM here: every step, every number, every
 * colour and every ellipse comes from src/ through lab-api.js. */
(function () {
    'use strict';
    const {Lab, FELL, MOVED, SOUND, FEW_POINTS} = window.EmlabLab;
    const PRESETS = window.EMLAB_PRESETS || [];
    const $ = id => document.getElementById(id);
    const TOL = 1e-4; /* emlab fit's default --tol: a run stops when l gains less */

    let lab = null;
    let view = null;        /* the world's window: {x0, x1, y0, y1} (1-D: y is density) */
    let dataName = 'data.txt';
    let running = false, lastRun = 0;
    let drag = null;        /* {kind: 'mean', k, at} or {kind: 'paint', last} */
    /* for the browser test (make lab-check): each run frame's time (the
     * iteration and its redrawing) and when it began */
    const stats = {frames: [], stamps: []};
    window.emlabLab = {stats, get lab() { return lab; }};

    /* --- messages ------------------------------------------------------- */
    function say(text, isError) {
        const m = $('message');
        m.textContent = text || '';
        m.className = 'message' + (isError && text ? ' error' : '');
    }
    /* Show what the core said; true if it worked. */
    function ok(said) {
        if (said) {
            say(said, true);
            return false;
        }
        return true;
    }

    /* The core can trap (a student's blank that reads outside an array, in
     * make lab STUDENT=1): the page then says so and stops, instead of
     * going on with a core in an unknown state. */
    let broken = false;
    function crashed(e) {
        running = false;
        broken = true;
        say('The lab\'s WebAssembly core stopped (' + (e && e.message || e) + ')' +
            (lab && lab.whose() ? ': your code crashed in it. make check-exercise runs the same ' +
             'code in a sandbox and says where.' : '.') + ' Reload the page to start again.', true);
        document.querySelectorAll('button, select, input').forEach(el => { el.disabled = true; });
    }
    const safe = fn => (...args) => {
        if (broken) return undefined;
        try { return fn(...args); } catch (e) { crashed(e); return undefined; }
    };

    /* --- numbers as people read them --------------------------------- */
    function fmt(v, digits) {
        if (v === 0)
            return '0';
        if (!isFinite(v))
            return v !== v ? '–' : (v > 0 ? '∞' : '−∞');
        const s = Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0)
            ? v.toExponential(digits - 1) : v.toFixed(Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(v) || 1))));
        return s.replace('-', '−');
    }
    const hex = c => '#' + (c >>> 0).toString(16).padStart(6, '0');

    /* --- the window onto the data --------------------------------------- */
    function fitView() {
        const n = lab.n, d = lab.d, x = lab.x();
        let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
        for (let i = 0; i < n; i++) {
            x0 = Math.min(x0, x[i * d]); x1 = Math.max(x1, x[i * d]);
            if (d === 2) { y0 = Math.min(y0, x[i * d + 1]); y1 = Math.max(y1, x[i * d + 1]); }
        }
        if (!(x1 >= x0)) { x0 = -5; x1 = 5; y0 = -5; y1 = 5; }
        const padX = Math.max(0.08 * (x1 - x0), 0.5 + 0.05 * Math.abs(x1));
        x0 -= padX; x1 += padX;
        if (d === 2) {
            if (!(y1 >= y0)) { y0 = -5; y1 = 5; }
            const padY = Math.max(0.08 * (y1 - y0), 0.5 + 0.05 * Math.abs(y1));
            y0 -= padY; y1 += padY;
        } else {
            y0 = 0; y1 = 0;  /* set from the curves at the first draw */
        }
        view = {x0, x1, y0, y1};
    }

    /* Canvas pixels for the CSS size, on a sharp (device-pixel) grid. */
    function sized(canvas) {
        const r = canvas.getBoundingClientRect(), dpr = window.devicePixelRatio || 1;
        const w = Math.max(1, Math.round(r.width * dpr)), h = Math.max(1, Math.round(r.height * dpr));
        if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
        const ctx = canvas.getContext('2d');
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
        return {ctx, w: r.width, h: r.height, dpr};
    }

    /* world <-> canvas (CSS pixels); in 2-D one unit is as long on both
     * axes, so that an ellipse looks as the covariance says. */
    function transform(w, h) {
        const m = {l: 46, r: 12, t: 12, b: 30};
        const pw = w - m.l - m.r, ph = h - m.t - m.b;
        let {x0, x1, y0, y1} = view;
        if (lab.d === 2) {
            const sx = pw / (x1 - x0), sy = ph / (y1 - y0), s = Math.min(sx, sy);
            const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
            x0 = cx - pw / s / 2; x1 = cx + pw / s / 2; y0 = cy - ph / s / 2; y1 = cy + ph / s / 2;
        }
        return {
            m, pw, ph, x0, x1, y0, y1,
            X: x => m.l + (x - x0) / (x1 - x0) * pw,
            Y: y => m.t + (1 - (y - y0) / (y1 - y0)) * ph,
            wx: px => x0 + (px - m.l) / pw * (x1 - x0),
            wy: py => y0 + (1 - (py - m.t) / ph) * (y1 - y0),
        };
    }

    /* Round tick steps: 1, 2 or 5 times a power of ten (whole numbers if
     * integer), each with the label its step needs: 0.5, not 0.500. */
    function ticks(lo, hi, count, integer) {
        const raw = Math.max((hi - lo) / count, integer ? 1 : 0), p = Math.pow(10, Math.floor(Math.log10(raw)));
        const step = [1, 2, 5, 10].map(f => f * p).find(s => s >= raw) || raw;
        const places = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
        const big = Math.max(Math.abs(lo), Math.abs(hi)) >= 1e5 || step < 1e-4;
        const out = [];
        for (let i = Math.ceil(lo / step); i * step <= hi + 1e-9 * step; i++) {
            const v = i * step;
            out.push({v, label: (big ? v.toPrecision(3) : v.toFixed(places)).replace('-', '−')});
        }
        return out;
    }

    function axes(ctx, T, w, h, showY, integerX) {
        ctx.strokeStyle = '#ececf0'; ctx.lineWidth = 1;
        ctx.fillStyle = '#5b5b60'; ctx.font = '11px "DejaVu Sans", sans-serif';
        ctx.textAlign = 'center'; ctx.textBaseline = 'top';
        for (const {v, label} of ticks(T.x0, T.x1, Math.max(3, T.pw / 80), integerX)) {
            const px = Math.round(T.X(v)) + 0.5;
            ctx.beginPath(); ctx.moveTo(px, T.m.t); ctx.lineTo(px, T.m.t + T.ph); ctx.stroke();
            ctx.fillText(label, px, T.m.t + T.ph + 6);
        }
        if (showY) {
            ctx.textAlign = 'right'; ctx.textBaseline = 'middle';
            for (const {v, label} of ticks(T.y0, T.y1, Math.max(3, T.ph / 60))) {
                if (T.positive && v < 0) continue;
                const py = Math.round(T.Y(v)) + 0.5;
                ctx.beginPath(); ctx.moveTo(T.m.l, py); ctx.lineTo(T.m.l + T.pw, py); ctx.stroke();
                ctx.fillText(label, T.m.l - 6, py);
            }
        }
        ctx.strokeStyle = '#9a9aa2';
        ctx.strokeRect(T.m.l + 0.5, T.m.t + 0.5, T.pw, T.ph);
    }

    /* --- drawing the data and the model ---------------------------------- */
    let splat = null; /* an off-screen canvas for many points */

    /* Points as discs: one arc each while few, pixels written at once when
     * many (10 000 points at 30 frames a second). */
    function drawPoints(ctx, T, px, py, colours, n, dpr) {
        const r = n < 400 ? 4 : n < 3000 ? 3 : 1.6;
        if (n <= 3000) {
            ctx.lineWidth = 0.8; ctx.strokeStyle = 'rgba(255,255,255,0.9)';
            for (let i = 0; i < n; i++) {
                ctx.beginPath(); ctx.arc(px[i], py[i], r, 0, 2 * Math.PI);
                ctx.fillStyle = hex(colours[i]); ctx.fill(); ctx.stroke();
            }
            return;
        }
        const W = Math.round(T.pw * dpr), H = Math.round(T.ph * dpr);
        if (!splat || splat.width !== W || splat.height !== H) {
            splat = document.createElement('canvas');
            splat.width = W; splat.height = H;
            splat.img = splat.getContext('2d').createImageData(W, H);
            splat.px = new Uint32Array(splat.img.data.buffer);
        }
        const buf = splat.px, R = Math.max(1, Math.round(r * dpr)), R2 = R * R + R;
        buf.fill(0);
        for (let i = 0; i < n; i++) {
            const cx = Math.round((px[i] - T.m.l) * dpr), cy = Math.round((py[i] - T.m.t) * dpr);
            const c = colours[i], abgr = 0xff000000 | (c & 0xff) << 16 | (c & 0xff00) | (c >>> 16 & 0xff);
            for (let dy = -R; dy <= R; dy++) {
                const y = cy + dy;
                if (y < 0 || y >= H) continue;
                for (let dx = -R; dx <= R; dx++) {
                    const x = cx + dx;
                    if (x >= 0 && x < W && dx * dx + dy * dy <= R2) buf[y * W + x] = abgr;
                }
            }
        }
        splat.getContext('2d').putImageData(splat.img, 0, 0);
        ctx.drawImage(splat, T.m.l, T.m.t, T.pw, T.ph);
    }

    /* A mean: a ring in its colour with a cross, as the figures draw it. */
    function drawMean(ctx, x, y, colour) {
        ctx.beginPath(); ctx.arc(x, y, 7, 0, 2 * Math.PI);
        ctx.fillStyle = 'rgba(255,255,255,0.85)'; ctx.fill();
        ctx.lineWidth = 2.5; ctx.strokeStyle = colour; ctx.stroke();
        ctx.beginPath(); ctx.moveTo(x - 5, y); ctx.lineTo(x + 5, y); ctx.moveTo(x, y - 5); ctx.lineTo(x, y + 5);
        ctx.lineWidth = 2; ctx.stroke();
    }

    /* Where the means are drawn: the model's, or the one being dragged. */
    function meanAt(k) {
        const mu = lab.means(), d = lab.d;
        if (drag && drag.kind === 'mean' && drag.k === k && drag.at)
            return drag.at;
        return d === 2 ? [mu[2 * k], mu[2 * k + 1]] : [mu[k]];
    }

    function draw2d(ctx, T, dpr) {
        const n = lab.n, x = lab.xView();
        const px = new Float64Array(n), py = new Float64Array(n);
        for (let i = 0; i < n; i++) { px[i] = T.X(x[2 * i]); py[i] = T.Y(x[2 * i + 1]); }
        const colours = lab.colours();
        ctx.save();
        ctx.beginPath(); ctx.rect(T.m.l, T.m.t, T.pw, T.ph); ctx.clip();
        drawPoints(ctx, T, px, py, colours, n, dpr);
        for (let k = 0; k < lab.K; k++) {
            const colour = hex(lab.colour(k));
            for (const c of [1, 2]) {
                const xy = lab.ellipse(k, c, 90);
                if (!xy) continue;
                const at = meanAt(k), mu = lab.means(), sx = at[0] - mu[2 * k], sy = at[1] - mu[2 * k + 1];
                ctx.beginPath();
                for (let j = 0; j < 90; j++)
                    ctx[j ? 'lineTo' : 'moveTo'](T.X(xy[2 * j] + sx), T.Y(xy[2 * j + 1] + sy));
                ctx.closePath();
                ctx.setLineDash(c === 2 ? [6, 5] : []);
                ctx.lineWidth = c === 1 ? 4.6 : 3.5; ctx.strokeStyle = 'rgba(255,255,255,0.85)';
                ctx.stroke(); /* a halo, so the line shows over its own points */
                ctx.lineWidth = c === 1 ? 2.2 : 1.5; ctx.strokeStyle = colour; ctx.stroke();
            }
            ctx.setLineDash([]);
            const at = meanAt(k);
            drawMean(ctx, T.X(at[0]), T.Y(at[1]), colour);
        }
        ctx.restore();
    }

    function draw1d(ctx, T, dpr, h) {
        const n = lab.n, x = lab.xView(), colours = lab.colours(), K = lab.K;
        const curves = K ? lab.curves1d(T.x0, T.x1, 400) : null;
        ctx.save();
        ctx.beginPath(); ctx.rect(T.m.l, T.m.t, T.pw, T.ph); ctx.clip();
        if (curves) {
            for (let k = 0; k <= K; k++) {
                ctx.beginPath();
                for (let g = 0; g < 400; g++) {
                    const y = k < K ? curves.comp[g * K + k] : curves.mix[g];
                    ctx[g ? 'lineTo' : 'moveTo'](T.X(curves.x[g]), T.Y(y));
                }
                ctx.lineWidth = k < K ? 2 : 2.6;
                ctx.strokeStyle = k < K ? hex(lab.colour(k)) : '#333';
                ctx.setLineDash(k < K ? [] : [7, 4]);
                ctx.stroke();
            }
            ctx.setLineDash([]);
        }
        /* the points: a strip along the bottom, spread up a little so
         * that equal values stay visible (the spread is i's, not data) */
        const px = new Float64Array(n), py = new Float64Array(n), base = T.m.t + T.ph - 10;
        for (let i = 0; i < n; i++) { px[i] = T.X(x[i]); py[i] = base - ((i * 37) % 23) * 1.1; }
        drawPoints(ctx, T, px, py, colours, n, dpr);
        for (let k = 0; k < K; k++)
            drawMean(ctx, T.X(meanAt(k)[0]), T.m.t + T.ph - 48, hex(lab.colour(k)));
        ctx.restore();
    }

    /* The 1-D window's height: the highest curve, grown when one rises. */
    function fitDensity() {
        if (lab.d !== 1 || !lab.K) { if (lab.d === 1 && !(view.y1 > 0)) view.y1 = 1; return; }
        const c = lab.curves1d(view.x0, view.x1, 400);
        if (!c) return;
        const top = Math.max(...c.mix, ...c.comp);
        if (!(view.y1 >= top) || view.y1 > 3 * top)
            view.y1 = 1.15 * top;
        view.y0 = -0.12 * view.y1; /* room for the points under the axis */
    }

    function drawPlot() {
        const {ctx, w, h, dpr} = sized($('plot'));
        ctx.clearRect(0, 0, w, h);
        if (!lab.d) return;
        if (lab.d === 1) fitDensity();
        const T = transform(w, h);
        T.positive = lab.d === 1; /* a density: no ticks below 0 */
        axes(ctx, T, w, h, true);
        if (lab.d === 2) draw2d(ctx, T, dpr); else draw1d(ctx, T, dpr, h);
        $('plot').T = T;
    }

    /* The log-likelihood after every E-step; a hollow point after a move by
     * hand (no line into it: EM did not make that change); a red ring where
     * it fell, which EM cannot do. */
    function drawCurve() {
        const {ctx, w, h} = sized($('curve'));
        ctx.clearRect(0, 0, w, h);
        const c = lab.curve();
        ctx.fillStyle = '#5b5b60'; ctx.font = '11px "DejaVu Sans", sans-serif';
        if (!c.length) {
            ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
            ctx.fillText('the log-likelihood appears here after the first E-step', w / 2, h / 2);
            return;
        }
        const m = {l: 70, r: 12, t: 22, b: 26}, pw = w - m.l - m.r, ph = h - m.t - m.b;
        const tmax = Math.max(5, c[c.length - 1].t);
        const ls = c.map(p => p.l).filter(isFinite);
        let lo = Math.min(...ls), hi = Math.max(...ls);
        if (!(hi > lo)) { lo -= 1; hi += 1; }
        const pad = 0.06 * (hi - lo);
        lo -= pad; hi += pad;
        const T = {m, pw, ph, x0: 0, x1: tmax, y0: lo, y1: hi,
                   X: t => m.l + t / tmax * pw, Y: l => m.t + (1 - (l - lo) / (hi - lo)) * ph};
        axes(ctx, T, w, h, true, true);
        ctx.textAlign = 'left'; ctx.textBaseline = 'top'; ctx.fillStyle = '#5b5b60';
        ctx.fillText('log-likelihood ℓ(θ) after each E-step, against the iteration', m.l, 4);
        ctx.strokeStyle = '#0072b2'; ctx.lineWidth = 1.8;
        ctx.beginPath();
        c.forEach((p, i) => ctx[i && !(p.mark & MOVED) ? 'lineTo' : 'moveTo'](T.X(p.t), T.Y(p.l)));
        ctx.stroke();
        for (const p of c) {
            ctx.beginPath(); ctx.arc(T.X(p.t), T.Y(p.l), 3, 0, 2 * Math.PI);
            if (p.mark & MOVED) { ctx.fillStyle = 'white'; ctx.fill(); ctx.stroke(); }
            else { ctx.fillStyle = '#0072b2'; ctx.fill(); }
            if (p.mark & FELL) {
                ctx.beginPath(); ctx.arc(T.X(p.t), T.Y(p.l), 8, 0, 2 * Math.PI);
                ctx.strokeStyle = '#d00000'; ctx.lineWidth = 2.2; ctx.stroke();
                ctx.fillStyle = '#d00000'; ctx.textAlign = 'center'; ctx.textBaseline = 'bottom';
                ctx.fillText('fell!', T.X(p.t), T.Y(p.l) - 10);
                ctx.strokeStyle = '#0072b2'; ctx.lineWidth = 1.8;
            }
        }
    }

    /* --- the numbers ------------------------------------------------------ */
    function matrixText(v, d) {
        if (d === 1) return fmt(v[0], 4);
        return `[${fmt(v[0], 4)}  ${fmt(v[1], 4)}; ${fmt(v[2], 4)}  ${fmt(v[3], 4)}]`;
    }

    function showNumbers() {
        const K = lab.K, d = lab.d, fresh = lab.fresh, c = lab.curve();
        const next = !K ? 'choose K and a start' : fresh ? 'the M-step' : 'the E-step';
        const fell = c.some(p => p.mark & FELL);
        $('status').innerHTML = !K ? `<strong>${lab.n}</strong> points · no model yet: choose <var>K</var> and a start`
            : `iteration <strong id="iteration">${lab.t}</strong> · next: ${next}` +
              (running ? ' · running' : '') + (lab.converged(TOL) ? ' · converged (ℓ gained less than 10⁻⁴)' : '') +
              (fell ? ' · <strong class="fell">the log-likelihood fell: EM never lets it, so a step is wrong</strong>' : '');
        $('params').tHead.rows[0].cells[3].innerHTML = d === 1 ? 'σ<sub>k</sub><sup>2</sup>' : 'Σ<sub>k</sub>';
        const body = $('params').tBodies[0];
        body.textContent = '';
        const w = lab.weights(), mu = lab.means(), S = lab.covs();
        for (let k = 0; k < K; k++) {
            const tr = body.insertRow();
            const cell = (html, cls) => { const td = tr.insertCell(); td.innerHTML = html; if (cls) td.className = cls; };
            cell(`<span class="swatch" style="background:${hex(lab.colour(k))}"></span>${k + 1}`, 'k');
            cell(fmt(w[k], 4), 'num');
            cell(d === 1 ? fmt(mu[k], 4) : `(${fmt(mu[2 * k], 4)}, ${fmt(mu[2 * k + 1], 4)})`, 'num');
            cell(matrixText(S.slice(k * d * d, (k + 1) * d * d), d), 'num');
            cell(c.length ? fmt(lab.N(k), 4) : '–', 'num');
            const why = lab.degenerate(k);
            cell(why === SOUND ? '' : why === FEW_POINTS
                ? `⚠ collapsing: N<sub>${k + 1}</sub> &lt; ${d + 1} points, too few to estimate Σ<sub>${k + 1}</sub>`
                : `⚠ collapsing: its variance is at the floor (${fmt(lab.reg, 2)}): the floor, not the data, holds it up`,
                 'warn');
        }
        const l = lab.loglik, crit = $('criteria');
        crit.innerHTML = !K ? '' : [
            ['log-likelihood ℓ', `<span id="loglik">${fmt(l, 10)}</span>`],
            ['per point', fmt(l / lab.n, 6)],
            ['parameters p', lab.params],
            ['AIC = 2p − 2ℓ', fmt(lab.aic, 8)],
            ['BIC = p ln n − 2ℓ', fmt(lab.bic, 8)],
            ['variance floor', fmt(lab.reg, 3) + (lab.floorIsDefault ? ' (emlab fit\'s default)' : '')],
        ].map(([t, v]) => `<div><dt>${t}</dt><dd>${v}</dd></div>`).join('');
        for (const [id, on] of [['estep', K && !fresh], ['mstep', K && fresh], ['iterate', K], ['run', K],
                                ['back', K], ['reset', K], ['save-params', K]])
            $(id).disabled = !on;
        $('estep').classList.toggle('next', !!K && !fresh);
        $('mstep').classList.toggle('next', !!K && fresh);
        $('run').textContent = running ? 'Pause' : 'Run';
        $('command').textContent = command();
    }

    /* The command that goes on from here with the saved files. */
    function command() {
        if (!lab.K) return 'Start a model first: then this shows the emlab fit command that goes on from it.';
        let cmd = `emlab fit ${dataName} -k ${lab.K} --init params.txt`;
        if (!lab.floorIsDefault) cmd += ` --reg ${lab.reg}`;
        if ($('fixed').checked) cmd += ' --fixed-weights';
        return cmd + '\n(save both files first; the data are saved as the lab holds them' +
               (preset && preset.standardize ? ', standardised' : '') + ')';
    }

    function redraw() {
        drawPlot();
        drawCurve();
        showNumbers();
    }

    /* --- steps ------------------------------------------------------------- */
    function step(what) {
        if (!lab.K) return say('Choose K and a start first.', true);
        const said = what === 'e' ? lab.eStep() : what === 'm' ? lab.mStep() : lab.iterate();
        if (ok(said)) say('');
        else stop();
        redraw();
    }

    function stop() {
        running = false;
        showNumbers();
    }

    /* Run: an iteration whenever the speed allows, until converged. The
     * time of each frame (the iteration and the drawing) is kept. */
    const tick = safe(now => {
        if (!running) return;
        const rate = +$('speed').value, every = rate > 60 ? 0 : 1000 / rate;
        if (now - lastRun >= every) {
            lastRun = now;
            const t0 = performance.now();
            const said = lab.iterate();
            redraw();
            stats.frames.push(performance.now() - t0);
            stats.stamps.push(t0);
            if (stats.frames.length > 1000) { stats.frames.shift(); stats.stamps.shift(); }
            if (!ok(said)) { running = false; showNumbers(); return; }
            const c = lab.curve(), last = c[c.length - 1];
            if (last && (last.mark & FELL)) {
                running = false;
                say(`The log-likelihood fell at iteration ${lab.t}: EM never lets it fall, so a step is wrong. Run stops here.`, true);
                showNumbers();
                return;
            }
            if (lab.converged(TOL)) {
                running = false;
                say(`Converged after ${lab.t} iterations: the last one gained less than 10⁻⁴ in ℓ (emlab fit's rule).`);
                showNumbers();
                return;
            }
        }
        requestAnimationFrame(tick);
    });

    function run() {
        if (running) return stop();
        if (!lab.K) return say('Choose K and a start first.', true);
        if (lab.converged(TOL))
            return say(`Converged already: iteration ${lab.t} gained less than 10⁻⁴ in ℓ. Iteration steps on by hand.`);
        running = true;
        say('');
        showNumbers();
        requestAnimationFrame(tick);
    }

    /* --- data and starts ----------------------------------------------------- */
    let preset = null;

    function startModel() {
        stop();
        const K = +$('K').value, seed = +$('seed').value;
        if (!(seed >= 0 && seed <= 4294967295 && Number.isInteger(seed)))
            return say('The seed is a whole number from 0 to 4294967295.', true);
        if (ok(lab.start(K, $('init').value, seed, $('fixed').checked))) say('');
        if (lab.d === 1) view.y1 = 0;
        redraw();
    }

    /* After the points changed: the model follows with an E-step. */
    function dataChanged() {
        if (lab.K && lab.n >= lab.K) ok(lab.eStep()) && say('');
        else if (lab.K) say(`${lab.n} point${lab.n === 1 ? '' : 's'}: too few for K = ${lab.K}; add points or lower K.`, true);
        redraw();
    }

    function openPreset(id) {
        const p = PRESETS.find(q => q.id === id);
        if (!p) return;
        stop();
        preset = p;
        dataName = 'data.txt';
        const fixed = /--fixed-weights/.test(p.options);
        const reg = p.options.match(/--reg (\S+)/);
        if (!ok(lab.loadText(p.id + '.txt', p.data))) return;
        if (p.standardize && !ok(lab.standardize())) return;
        ok(lab.setFloor(reg ? +reg[1] : -1));
        $('K').value = String(p.K);
        $('fixed').checked = fixed;
        $('init').value = p.init;
        $('preset').value = p.id;
        $('dims').value = String(lab.d);
        fitView();
        const said = p.start ? lab.startText('start.txt', p.start, fixed) : lab.start(p.K, p.init, +$('seed').value, fixed);
        if (ok(said))
            say(p.start ? `${p.title}: its data and its start (${p.start.split('\n')[0].replace(/^# /, '')}).` : p.title);
        if (history.replaceState) history.replaceState(null, '', '#' + p.id);
        redraw();
    }

    function newSample() {
        stop();
        const n = +$('sample-n').value, K = +$('sample-k').value, seed = +$('seed').value;
        if (!(n >= 1 && n <= 100000 && Number.isInteger(n))) return say('Points: a whole number from 1 to 100 000.', true);
        if (!(K >= 1 && K <= 8 && Number.isInteger(K))) return say('Components: 1 to 8.', true);
        if (!ok(lab.sample(n, +$('dims').value, K, seed))) return;
        preset = null;
        dataName = 'sample.txt';
        $('preset').value = '';
        lab.setFloor(-1);
        fitView();
        say(`${n} points from a random mixture of ${K}, as emlab sample -k ${K} -d ${$('dims').value} -n ${n} --seed ${seed} draws them.`);
        startModel();
    }

    function loadFile(file) {
        const reader = new FileReader();
        reader.onload = () => {
            stop();
            if (!ok(lab.loadText(file.name, String(reader.result)))) return redraw();
            preset = null;
            dataName = file.name.split(/[\\/]/).pop();
            $('preset').value = '';
            $('dims').value = String(lab.d);
            lab.setFloor(-1);
            fitView();
            say(`${dataName}: ${lab.n} points in ${lab.d} dimension${lab.d > 1 ? 's' : ''}.`);
            if (lab.n >= +$('K').value) startModel(); else redraw();
        };
        reader.onerror = () => say(`${file.name}: could not be read.`, true);
        reader.readAsText(file);
    }

    function clearData() {
        stop();
        if (!ok(lab.setData([], 0, +$('dims').value))) return;
        lab.setFloor(-1); /* emlab fit's default floor for the points to come */
        preset = null;
        dataName = 'data.txt';
        $('preset').value = '';
        fitView();
        say('No points: click to add some.');
        redraw();
    }

    function download(name, text) {
        const a = document.createElement('a');
        a.href = URL.createObjectURL(new Blob([text], {type: 'text/plain'}));
        a.download = name;
        document.body.appendChild(a);
        a.click();
        setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
        return a;
    }

    function save(what) {
        const {text, error} = lab.saveText(what);
        if (!ok(error)) return;
        const name = what === 'data' ? dataName : 'params.txt';
        download(name, text);
        say(`Saved ${name}.`);
        window.emlabLab.saved = window.emlabLab.saved || {};
        window.emlabLab.saved[what] = text;
    }

    /* --- pointer input on the plot ---------------------------------------- */
    function worldAt(e) {
        const r = $('plot').getBoundingClientRect(), T = $('plot').T;
        const px = e.clientX - r.left, py = e.clientY - r.top;
        return {px, py, x: T.wx(px), y: T.wy(py), T};
    }

    function meanNear(at) {
        const T = at.T;
        for (let k = lab.K - 1; k >= 0; k--) {
            const m = meanAt(k);
            const mx = T.X(m[0]), my = lab.d === 2 ? T.Y(m[1]) : T.m.t + T.ph - 48;
            if (Math.hypot(mx - at.px, my - at.py) <= 10) return k;
        }
        return -1;
    }

    function pointNear(at) {
        const x = lab.xView(), T = at.T, d = lab.d;
        let best = -1, bestD = 12;
        for (let i = 0; i < lab.n; i++) {
            const px = T.X(x[i * d]);
            const py = d === 2 ? T.Y(x[i * d + 1]) : T.m.t + T.ph - 10 - ((i * 37) % 23) * 1.1;
            const dist = Math.hypot(px - at.px, py - at.py);
            if (dist < bestD) { bestD = dist; best = i; }
        }
        return best;
    }

    function addAt(at, jitter) {
        const s = jitter ? 6 * (at.T.x1 - at.T.x0) / at.T.pw : 0;
        const g = () => s * Math.sqrt(-2 * Math.log(Math.random() || 1e-12)) * Math.cos(2 * Math.PI * Math.random());
        return ok(lab.addPoint(lab.d === 2 ? [at.x + g(), at.y + g()] : [at.x + g()]));
    }

    function pointerDown(e) {
        if (!lab.d || !$('plot').T || e.button !== 0) return;
        stop();
        const at = worldAt(e), k = meanNear(at);
        $('plot').setPointerCapture(e.pointerId);
        if (k >= 0) {
            drag = {kind: 'mean', k, at: null};
            $('plot').classList.add('dragging');
            return;
        }
        if (e.shiftKey) {
            const i = pointNear(at);
            if (i >= 0 && ok(lab.removePoint(i))) dataChanged();
            return;
        }
        if (addAt(at, false)) {
            drag = {kind: 'paint', last: at, added: 1};
            drawPlot();
        }
    }

    function pointerMove(e) {
        if (!lab.d || !$('plot').T) return;
        const at = worldAt(e);
        if (!drag) {
            $('plot').classList.toggle('over-mean', lab.K > 0 && meanNear(at) >= 0);
            return;
        }
        if (drag.kind === 'mean') {
            drag.at = lab.d === 2 ? [at.x, at.y] : [at.x];
            drawPlot();
        } else if (Math.hypot(at.px - drag.last.px, at.py - drag.last.py) >= 5) {
            if (addAt(at, true)) drag.added++;
            drag.last = at;
            drawPlot();
        }
    }

    function pointerUp() {
        const was = drag;
        drag = null;
        $('plot').classList.remove('dragging');
        if (!was) return;
        if (was.kind === 'mean') {
            if (was.at && ok(lab.moveMean(was.k, was.at)))
                say(`Mean ${was.k + 1} moved by hand: the responsibilities belong to the old model now, so the E-step comes next.`);
            redraw();
        } else {
            dataChanged();
        }
    }

    /* --- wiring --------------------------------------------------------------- */
    function keys(e) {
        const tag = (e.target.tagName || '').toLowerCase();
        if (tag === 'input' || tag === 'select' || tag === 'textarea' || e.ctrlKey || e.metaKey || e.altKey) return;
        const act = {' ': () => step('i'), e: () => step('e'), m: () => step('m'), r: run,
                     ArrowLeft: () => { stop(); lab.back() ? say('') : say('Nothing to undo.'); redraw(); }}[e.key];
        if (act) { e.preventDefault(); act(); }
    }

    function wire() {
        for (let K = 1; K <= 8; K++) $('K').add(new Option(String(K), String(K)));
        $('preset').add(new Option('— choose —', ''));
        for (const p of PRESETS) $('preset').add(new Option(p.title, p.id));
        $('preset').onchange = safe(() => $('preset').value && openPreset($('preset').value));
        $('sample').onclick = safe(newSample);
        $('load').onchange = safe(e => e.target.files[0] && loadFile(e.target.files[0]));
        $('clear').onclick = safe(clearData);
        $('start').onclick = safe(startModel);
        $('reset').onclick = safe(startModel);
        $('estep').onclick = safe(() => step('e'));
        $('mstep').onclick = safe(() => step('m'));
        $('iterate').onclick = safe(() => step('i'));
        $('run').onclick = safe(run);
        $('back').onclick = safe(() => { stop(); lab.back() ? say('') : say('Nothing to undo: a start is where the history begins.'); redraw(); });
        $('save-data').onclick = safe(() => save('data'));
        $('save-params').onclick = safe(() => save('params'));
        const speed = () => { const v = +$('speed').value; $('speed-out').textContent = v > 60 ? 'as fast as it draws' : v + ' / s'; };
        $('speed').oninput = speed; speed();
        const plot = $('plot');
        plot.addEventListener('pointerdown', safe(pointerDown));
        plot.addEventListener('pointermove', safe(pointerMove));
        plot.addEventListener('pointerup', safe(pointerUp));
        plot.addEventListener('pointercancel', safe(pointerUp));
        document.addEventListener('keydown', safe(keys));
        window.addEventListener('resize', safe(() => lab && redraw()));
        window.addEventListener('hashchange', safe(() => openPreset(location.hash.slice(1))));
    }

    window.EmlabCore().then(core => {
        lab = new Lab(core);
        const whose = lab.whose();
        if (whose) {
            $('whose').hidden = false;
            $('whose').textContent = 'Built with your workbook (make lab STUDENT=1): the steps run your code where your blanks are filled.\n' + whose;
        }
        wire();
        const id = location.hash.slice(1);
        safe(openPreset)(PRESETS.some(p => p.id === id) ? id : '05_em_2d');
        window.emlabLab.ready = true;
    }, err => say('The lab could not start its WebAssembly core: ' + err, true));
})();
