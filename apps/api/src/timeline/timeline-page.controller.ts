import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PublicRoute } from '@factledger/platform';
import { loadPageAssets, PAGE_CSP, type PageAssets } from './timeline-assets';

/**
 * The timeline page and its assets. Public: the page holds no data; what it
 * shows comes from the read API, with the reader's key when reads need one.
 * Assets live under a path naming their digest, so they are cached for good
 * while the page itself is revalidated on every visit.
 */
@ApiExcludeController()
@Controller()
export class TimelinePageController {
  private readonly page: PageAssets = loadPageAssets();

  @PublicRoute()
  @Get()
  index(@Res() reply: FastifyReply): void {
    reply
      .header('cache-control', 'no-cache')
      .header('content-security-policy', PAGE_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .type('text/html; charset=utf-8')
      .send(this.page.html);
  }

  @PublicRoute()
  @Get('assets/:version/:name')
  asset(@Param('version') version: string, @Param('name') name: string, @Res() reply: FastifyReply): void {
    const asset = version === this.page.version ? this.page.assets.get(name) : undefined;
    if (!asset) throw new NotFoundException(`No asset ${name.slice(0, 60)} in this version of the page`);
    reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .type(asset.type)
      .send(asset.body);
  }
}
