import type { Cost } from './gateway-client.js';

/** The running total of `extensions.cost` over every response this page received. */
export class CostMeter {
  private total: Cost = { images: 0, units: 0, usd: 0 };

  constructor(private readonly el: HTMLElement) {
    this.render();
  }

  add(cost: Cost): void {
    this.total = {
      images: this.total.images + cost.images,
      units: this.total.units + cost.units,
      usd: this.total.usd + cost.usd,
    };
    this.render();
  }

  private render(): void {
    const { images, units, usd } = this.total;
    const unitText = Number.isInteger(units) ? String(units) : units.toFixed(2);
    // Render-it bills fractions of a cent: show at least three decimals, more when they matter.
    const usdText = usd.toFixed(6).replace(/0{1,3}$/, '');
    this.el.textContent = `${images} ${images === 1 ? 'image' : 'images'} · ${unitText} units · $${usdText}`;
  }
}
