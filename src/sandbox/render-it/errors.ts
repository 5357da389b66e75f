/** An answer in Render-it's error shape, `{"code": <status>, "message": "..."}`. */
export class RenderItError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'RenderItError';
  }
}

export const badRequest = (message: string): RenderItError => new RenderItError(400, message);
export const notFound = (message: string): RenderItError => new RenderItError(404, message);
