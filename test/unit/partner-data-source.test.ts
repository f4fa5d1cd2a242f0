import { nullShapedData, unavailableResponse } from '../../gateway/partner-data-source';
import { SUBGRAPHS } from '../../platform/partners';

describe('a partner that cannot be reached', () => {
  const entitiesQuery = `query($representations:[_Any!]!){_entities(representations:$representations){...on Young{e2cEvents{id partner} alias: e2cFollowUps{id} __typename}}}`;

  it('answers an _entities fetch with one null-shaped entity per representation', () => {
    const data = nullShapedData(entitiesQuery, {
      representations: [
        { __typename: 'Young', id: 'a' },
        { __typename: 'Young', id: 'b' },
      ],
    });
    expect(data).toEqual({
      _entities: [
        { __typename: 'Young', e2cEvents: null, alias: null },
        { __typename: 'Young', e2cEvents: null, alias: null },
      ],
    });
  });

  it('ignores fragments on other types', () => {
    const query = `query($representations:[_Any!]!){_entities(representations:$representations){...on OfferConnection{e2cOffers{id}} ...on Young{e2cEvents{id}}}}`;
    expect(
      nullShapedData(query, { representations: [{ __typename: 'OfferConnection', searchKey: 'k' }] }),
    ).toEqual({
      _entities: [{ __typename: 'OfferConnection', e2cOffers: null }],
    });
  });

  it('has no data to keep for a root fetch', () => {
    expect(nullShapedData('{ young(id: "x") { id } }', {})).toBeNull();
  });

  it('names the missing partner with a stable code', () => {
    const response = unavailableResponse(SUBGRAPHS.e2c, entitiesQuery, { representations: [] });
    expect(response.errors?.[0]).toMatchObject({
      extensions: { code: 'PARTNER_UNAVAILABLE', partner: 'E2C', subgraph: 'e2c' },
    });
    expect(response.errors?.[0].message).toContain('E2C');
  });
});
