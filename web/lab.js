/* lab.js — the lab's page: it draws what the C core computes and passes
 * clicks and keys to it. No EM here: every step, every number, every
 * colour and every ellipse comes from src/ through lab-api.js. */
(function () {
    'use strict';
    const {Lab, FELL, MOVED, FLOOR, RESTART, SOUND, FEW_POINTS} = window.EmlabLab;
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
        return s.replace(/-/g, '−');
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
        /* the components too (mean +- 2 sigma), so that none starts out of
         * sight, but at most the data's span again on either side */
        const K = lab.K, mu = lab.means(), S = lab.covs(), span = [x1 - x0, y1 - y0];
        for (let k = 0; k < K && n; k++)
            for (let j = 0; j < d; j++) {
                const s = 2 * Math.sqrt(S[k * d * d + j * d + j]), m = mu[k * d + j];
                const lo = Math.max(m - s, (j ? y0 : x0) - span[j]), hi = Math.min(m + s, (j ? y1 : x1) + span[j]);
                if (j) { y0 = Math.min(y0, lo); y1 = Math.max(y1, hi); }
                else { x0 = Math.min(x0, lo); x1 = Math.max(x1, hi); }
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
    function transform(w, h, left) {
        const m = {l: left || 46, r: 12, t: 12, b: 30};
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
        /* a range too narrow for its magnitude's doubles: widen it, or the
         * ticks would not advance */
        const tiny = 1e-9 * Math.max(Math.abs(lo), Math.abs(hi), 1e-300);
        if (!(hi - lo > tiny)) { const mid = (lo + hi) / 2; lo = mid - tiny; hi = mid + tiny; }
        const raw = Math.max((hi - lo) / count, integer ? 1 : 0), p = Math.pow(10, Math.floor(Math.log10(raw)));
        const step = [1, 2, 5, 10].map(f => f * p).find(s => s >= raw) || raw;
        const places = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
        const big = Math.max(Math.abs(lo), Math.abs(hi)) >= 1e5 || step < 1e-4;
        const out = [];
        for (let i = Math.ceil(lo / step); i * step <= hi + 1e-9 * step && out.length < 50; i++) {
            const v = i * step;
            out.push({v, label: (big ? v.toPrecision(3) : v.toFixed(places)).replace(/-/g, '−')});
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
            for (const {v, label} of ticks(T.y0, T.y1, Math.max(4, T.ph / 45))) {
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
        ctx.fillStyle = 'rgba(255,255,255,0.45)'; ctx.fill();
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
                ctx.lineWidth = c === 1 ? 4.2 : 3.2; ctx.strokeStyle = 'rgba(255,255,255,0.6)';
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
        const curves = K ? curves1d(T.x0, T.x1) : null;
        ctx.save();
        ctx.beginPath(); ctx.rect(T.m.l, T.m.t, T.pw, T.ph); ctx.clip();
        if (curves) {
            for (let k = 0; k <= K; k++) {
                ctx.beginPath();
                for (let g = 0; g < curves.x.length; g++) {
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
    /* The 1-D curves on 400 points across the window and 41 around each
     * mean (within 4 sigma), so that a narrow component shows its peak. */
    function curves1d(lo, hi) {
        const xs = [], mu = lab.means(), S = lab.covs();
        for (let g = 0; g < 400; g++) xs.push(lo + (hi - lo) * g / 399);
        for (let k = 0; k < lab.K; k++) {
            const s = Math.sqrt(S[k]);
            for (let g = -20; g <= 20; g++) {
                const x = mu[k] + g / 5 * s;
                if (x > lo && x < hi) xs.push(x);
            }
        }
        xs.sort((a, b) => a - b);
        const c = lab.density1d(xs);
        return c && {x: xs, comp: c.comp, mix: c.mix};
    }

    function fitDensity() {
        if (lab.d !== 1 || !lab.K) { if (lab.d === 1 && !(view.y1 > 0)) view.y1 = 1; return; }
        const c = curves1d(view.x0, view.x1);
        if (!c) return;
        let top = 0;
        for (const v of c.mix) if (v > top && isFinite(v)) top = v;
        if (!(top > 0)) top = 1;
        if (!(view.y1 >= top) || view.y1 > 3 * top)
            view.y1 = 1.15 * top;
        view.y0 = -0.12 * view.y1; /* room for the points under the axis */
    }

    function drawPlot() {
        const {ctx, w, h, dpr} = sized($('plot'));
        ctx.clearRect(0, 0, w, h);
        if (!lab.d) return;
        if (lab.d === 1) fitDensity();
        /* room on the left for the longest y label */
        ctx.font = '11px "DejaVu Sans", sans-serif';
        const T0 = transform(w, h);
        const left = Math.max(46, 14 + Math.max(...ticks(T0.y0, T0.y1, Math.max(4, T0.ph / 45))
            .map(t => ctx.measureText(t.label).width)));
        const T = left > 46 ? transform(w, h, left) : T0;
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
        ctx.fillText(w < 500 ? 'ℓ(θ) after each E-step' : 'log-likelihood ℓ(θ) after each E-step, against the iteration', m.l, 4);
        ctx.strokeStyle = '#0072b2'; ctx.lineWidth = 1.8;
        ctx.beginPath();
        c.forEach((p, i) => ctx[i && !(p.mark & MOVED) ? 'lineTo' : 'moveTo'](T.X(p.t), T.Y(p.l)));
        ctx.stroke();
        for (const p of c) {
            ctx.beginPath(); ctx.arc(T.X(p.t), T.Y(p.l), 3, 0, 2 * Math.PI);
            if (p.mark & MOVED) { ctx.fillStyle = 'white'; ctx.fill(); ctx.stroke(); }
            else { ctx.fillStyle = '#0072b2'; ctx.fill(); }
            /* a fall: red when unexplained (a step is wrong), amber when the
             * floor or a restart explains it */
            const why = p.mark & FELL ? ['fell!', '#d00000'] : p.mark & FLOOR ? ['floor', '#b8660b']
                : p.mark & RESTART ? ['restart', '#b8660b'] : null;
            if (why) {
                ctx.beginPath(); ctx.arc(T.X(p.t), T.Y(p.l), 8, 0, 2 * Math.PI);
                ctx.strokeStyle = why[1]; ctx.lineWidth = 2.2; ctx.stroke();
                ctx.fillStyle = why[1]; ctx.textAlign = 'center'; ctx.textBaseline = 'bottom';
                ctx.fillText(why[0], T.X(p.t), T.Y(p.l) - 10);
                ctx.strokeStyle = '#0072b2'; ctx.lineWidth = 1.8;
            }
        }
    }

    /* --- the numbers ------------------------------------------------------ */
    function matrixText(v, d) {
        if (d === 1) return fmt(v[0], 4);
        return `[${fmt(v[0], 4)}  ${fmt(v[1], 4)}]<br>[${fmt(v[2], 4)}  ${fmt(v[3], 4)}]`;
    }

    /* N_k with the digits it takes not to look like d + 1 when it is less
     * (emlab fit's rule: "3.99999", not "4"). */
    function countText(N, d) {
        for (let digits = 4; digits < 17; digits++) {
            const s = N.toPrecision(digits);
            if (!(N < d + 1) || +s < d + 1) return fmt(+s, digits);
        }
        return String(N);
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
            cell(c.length ? countText(lab.N(k), d) : '–', 'num');
            const why = lab.degenerate(k);
            cell(why === SOUND ? '' : why === FEW_POINTS
                ? `⚠ collapsing: N<sub>${k + 1}</sub> &lt; ${d + 1} points, too few to estimate Σ<sub>${k + 1}</sub>`
                : `⚠ collapsing: its variance is at the floor (${fmt(lab.reg, 2)}): the floor, not the data, holds it up`,
                 'warn');
        }
        const l = lab.loglik, crit = $('criteria');
        crit.classList.toggle('stale', !!K && !fresh);
        crit.innerHTML = !K ? '' : (fresh ? '' : '<div><dt>of the model before the M-step or the move: the E-step brings the new one</dt></div>') + [
            ['log-likelihood ℓ', `<span id="loglik">${fmt(l, 10)}</span>`],
            ['per point', fmt(l / lab.n, 6)],
            ['parameters p', lab.params],
            ['AIC = 2p − 2ℓ', fmt(lab.aic, 8)],
            ['BIC = p ln n − 2ℓ', fmt(lab.bic, 8)],
            ['variance floor', fmt(lab.reg, 3) + (lab.floorIsDefault ? ' (emlab fit\'s default)' : '')],
        ].map(([t, v]) => `<div><dt>${t}</dt><dd>${v}</dd></div>`).join('');
        const enough = K && lab.n >= K;
        for (const [id, on] of [['estep', enough && !fresh], ['mstep', enough && fresh], ['iterate', enough],
                                ['run', enough], ['back', K], ['reset', K], ['save-params', K],
                                ['save-data', lab.n > 0]])
            $(id).disabled = !on;
        $('estep').classList.toggle('next', !!K && !fresh);
        $('mstep').classList.toggle('next', !!K && fresh);
        $('run').textContent = running ? 'Pause' : 'Run';
        $('command').textContent = command();
        pendingNote();
        legend();
    }

    /* The files the Save buttons write, and the commands that go on from
     * them: the model's own settings (its K, its floor, its held weights),
     * not the controls' (they wait for the next Start). */
    const paramsName = () => dataName.replace(/\.[^.]*$/, '') + '-params.txt';
    /* a file name as a shell reads it: quoted unless plainly safe */
    const shq = s => /^[A-Za-z0-9._+,:@%/=-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
    function command() {
        if (!lab.K) return 'Start a model first: then this shows the emlab fit command that goes on from it.';
        let cmd = `emlab fit ${shq(dataName)} -k ${lab.K} --init ${shq(paramsName())}`;
        if (!lab.floorIsDefault) cmd += ` --reg ${lab.reg}`;
        if (lab.fixedWeights) cmd += ' --fixed-weights';
        return `${cmd}\n    goes on from iteration ${lab.t} (emlab fit counts it as its iteration 0)\n` +
               `${cmd} -n 0\n    draws this very model, as it is now\n` +
               `(save both files first; the data as the lab holds them` +
               (preset && preset.standardize ? ', standardised' : '') + ')';
    }

    const swatch = (c, dash) => `<svg width="22" height="10" aria-hidden="true"><line x1="1" y1="5" x2="21" y2="5" ` +
        `stroke="${c}" stroke-width="2.2"${dash ? ' stroke-dasharray="5 3"' : ''}/></svg>`;
    function legend() {
        const d = lab.d, parts = [];
        if (d === 2)
            parts.push(`${swatch('#555')}1σ ellipse`, `${swatch('#555', 1)}2σ ellipse`, '⊕ mean μ<sub>k</sub>',
                       'each point: its components\' colours mixed by its responsibilities γ<sub>ik</sub>');
        else if (d === 1)
            parts.push(`${swatch('#0072b2')}π<sub>k</sub> N(x | μ<sub>k</sub>, σ<sub>k</sub><sup>2</sup>), one colour a component`,
                       `${swatch('#333', 1)}the mixture p(x)`, '⊕ mean μ<sub>k</sub>',
                       'the points along the bottom, coloured by γ<sub>ik</sub>');
        $('legend').innerHTML = parts.map(p => `<span class="key">${p}</span>`).join(' ');
    }

    function redraw() {
        drawPlot();
        drawCurve();
        showNumbers();
    }

    /* --- steps ------------------------------------------------------------- */
    /* What the library did when l dipped: never a wrong step. */
    function explainFall(p) {
        if (p.mark & RESTART)
            return `Iteration ${p.t}: a component had lost all its points and was restarted at the point farthest from every mean (as emlab fit does), so ℓ dipped.`;
        return `Iteration ${p.t}: ℓ dipped because a component leans on the variance floor (Σ_k + floor·I is not the likelihood's maximum); EM's own steps never lower ℓ.`;
    }

    const DONE = {
        e: 'E-step: each point recoloured by its responsibilities γ_ik under the current θ; N_k and ℓ(θ) updated, a point on the curve.',
        m: 'M-step: π, μ and Σ re-estimated from the responsibilities (PRML 9.24–9.27). The colours and ℓ are the old θ\'s until the E-step.',
        i: 'One iteration: the M-step, then the E-step.',
    };
    function step(what) {
        if (!lab.K) return say('Choose K and a start first.', true);
        const wasFresh = lab.fresh;
        const said = what === 'e' ? lab.eStep() : what === 'm' ? lab.mStep() : lab.iterate();
        const c = lab.curve(), last = c[c.length - 1];
        if (!ok(said)) {}
        else if (lab.restarted && what !== 'e')
            say(`M-step: component ${lab.restarted} had lost all its points (N_k ≈ 0) and was restarted at the point farthest from every mean, as emlab fit does.`);
        else if (what !== 'm' && last && (last.mark & (FLOOR | RESTART)))
            say(explainFall(last));
        else say(what === 'i' && !wasFresh ? DONE.e : DONE[what]);
        if (said) stop();
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
            if (last && (last.mark & (FLOOR | RESTART)))
                say(explainFall(last));
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

    /* The controls as the model was last started with them: the page says
     * when they differ (they apply at the next Start). */
    let startedWith = '';
    const controls = () => [$('K').value, $('init').value, $('seed').value, $('fixed').checked].join(' ');

    function startModel() {
        stop();
        const K = +$('K').value, seed = +$('seed').value, how = $('init').value;
        if ($('seed').value === '' || !(seed >= 0 && seed <= 4294967295 && Number.isInteger(seed)))
            return say('The seed is a whole number from 0 to 4294967295.', true);
        const said = how === 'preset' && preset && preset.start
            ? lab.startText('start.txt', preset.start, $('fixed').checked)
            : lab.start(K, how === 'preset' ? 'kmeans++' : how, seed, $('fixed').checked);
        if (ok(said)) {
            say(`Started: iteration 0, the E-step done (each point coloured by its responsibilities γ).`);
            $('K').value = String(lab.K);
            startedWith = controls();
        }
        if (lab.d === 1) view.y1 = 0;
        redraw();
    }

    function pendingNote() {
        const differs = lab && lab.K && controls() !== startedWith;
        $('pending').textContent = differs ? 'the model keeps its settings until Start' : '';
        $('start').classList.toggle('next', !!differs);
    }

    /* After the points changed: the model follows with an E-step. */
    function dataChanged() {
        if (preset && $('preset').value) { /* edited: no longer the chapter's data */
            $('preset').value = '';
            dataName = preset.id + '-edited.txt';
        }
        if (!lab.K)
            say(`${lab.n} point${lab.n === 1 ? '' : 's'}. Choose K and a start, then press Start.`);
        else if (lab.n >= lab.K)
            ok(lab.eStep()) && say(`${lab.n} points. The data changed, so the curve starts again from the model as it is (iteration 0); Back cannot undo an edit.`);
        else if (lab.K) say(`${lab.n} point${lab.n === 1 ? '' : 's'}: too few for K = ${lab.K}; add points or lower K.`, true);
        redraw();
    }

    function openPreset(id) {
        const p = PRESETS.find(q => q.id === id);
        if (!p) return;
        stop();
        preset = p;
        dataName = p.id + '.txt';
        const fromChapter = /^\d\d_/.test(p.id);
        $('from-chapter').hidden = !fromChapter;
        if (fromChapter) {
            $('from-chapter').querySelector('a').href = p.id + '.html';
            $('from-chapter').querySelector('a').textContent = '← ' + p.title;
        }
        const fixed = /--fixed-weights/.test(p.options);
        const reg = p.options.match(/--reg (\S+)/);
        if (!ok(lab.loadText(p.id + '.txt', p.data))) return;
        if (p.standardize && !ok(lab.standardize())) return;
        ok(lab.setFloor(reg ? +reg[1] : -1));
        $('K').value = String(p.K);
        $('fixed').checked = fixed;
        $('init').value = p.start ? 'preset' : p.init;
        $('init').options[0].disabled = !p.start;
        $('preset').value = p.id;
        $('dims').value = String(lab.d);
        fitView();
        const said = p.start ? lab.startText('start.txt', p.start, fixed) : lab.start(p.K, p.init, +$('seed').value, fixed);
        if (ok(said)) {
            say(p.start ? `${p.title}: its data and its start (${p.start.split('\n')[0].replace(/^# /, '')}).` : p.title);
            startedWith = controls();
        }
        fitView();
        if (history.replaceState) history.replaceState(null, '', '#' + p.id);
        redraw();
    }

    /* Data of one's own: no chapter's start to go back to. */
    function noPreset() {
        $('from-chapter').hidden = true;
        $('init').options[0].disabled = true;
        if ($('init').value === 'preset') $('init').value = 'kmeans++';
    }

    function newSample() {
        stop();
        const n = +$('sample-n').value, K = +$('sample-k').value, seed = +$('seed').value;
        if ($('seed').value === '' || !(seed >= 0 && seed <= 4294967295 && Number.isInteger(seed)))
            return say('The seed is a whole number from 0 to 4294967295.', true);
        if (!(n >= 1 && n <= 100000 && Number.isInteger(n))) return say('Points: a whole number from 1 to 100 000.', true);
        if (!(K >= 1 && K <= 8 && Number.isInteger(K))) return say('Components: 1 to 8.', true);
        if (!ok(lab.sample(n, +$('dims').value, K, seed))) return;
        preset = null;
        dataName = `sample-k${K}-seed${seed}.txt`;
        $('preset').value = '';
        noPreset();
        lab.setFloor(-1);
        fitView();
        say(`${n} points from a random mixture of ${K}, as emlab sample -k ${K} -d ${$('dims').value} -n ${n} --seed ${seed} draws them.`);
        startModel();
    }

    function loadFile(file) {
        const reader = new FileReader();
        reader.onload = () => {
            stop();
            /* lines ended by CR alone (old Mac files) read as lines */
            const text = String(reader.result).replace(/\r(?!\n)/g, '\n');
            if (!ok(lab.loadText(file.name, text))) return redraw();
            preset = null;
            dataName = file.name.split(/[\\/]/).pop();
            $('preset').value = '';
            noPreset();
            $('dims').value = String(lab.d);
            lab.setFloor(-1);
            fitView();
            const loaded = `${dataName}: ${lab.n} point${lab.n === 1 ? '' : 's'} in ${lab.d} dimension${lab.d > 1 ? 's' : ''}.`;
            if (lab.n >= +$('K').value) {
                startModel();
                if (!$('message').classList.contains('error')) say(`${loaded} ${$('message').textContent}`);
            } else {
                say(`${loaded} Too few for K = ${$('K').value}: lower K, or add points.`);
                redraw();
            }
        };
        reader.onerror = () => say(`${file.name}: could not be read.`, true);
        reader.readAsText(file);
    }

    function clearData() {
        stop();
        if (!ok(lab.setData([], 0, +$('dims').value))) return;
        lab.setFloor(-1); /* emlab fit's default floor for the points to come */
        preset = null;
        dataName = 'points.txt';
        $('preset').value = '';
        noPreset();
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
        const name = what === 'data' ? dataName : paramsName();
        const from = preset ? preset.title : dataName;
        const saved = what === 'data' ? text : `# saved by the emlab lab: ${from}, iteration ${lab.t}` +
            `${lab.fresh ? `, log-likelihood ${lab.loglik}` : ''}\n${text}`;
        download(name, saved);
        say(`Saved ${name}.`);
        window.emlabLab.saved = window.emlabLab.saved || {};
        window.emlabLab.saved[what] = saved;
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
        const at = worldAt(e), k = meanNear(at), T = at.T;
        if (k < 0 && (at.px < T.m.l || at.px > T.m.l + T.pw || at.py < T.m.t || at.py > T.m.t + T.ph))
            return; /* the margins and tick labels are no place for a point */
        $('plot').setPointerCapture(e.pointerId);
        if (k >= 0) {
            drag = {kind: 'mean', k, at: null};
            $('plot').classList.add('dragging');
            return;
        }
        if (e.shiftKey || $('erase').checked) {
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
        /* space is always the iteration, as the page says; Enter stays a button's own */
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
        for (const id of ['K', 'init', 'seed', 'fixed'])
            $(id).addEventListener('input', safe(pendingNote));
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
