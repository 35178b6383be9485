using System.Text;
using Hospitality.Domain.Common;
using Hospitality.Domain.Materials;
using MediatR;

namespace Hospitality.Web.Demo;

/// <summary>
/// A coffee shop's material catalog for the demo tenant, loaded through the real CSV import (so the demo also shows the
/// file format operators use). Quantities are in each material's unit: grams, millilitres, pieces.
/// </summary>
public static class MaterialDemo
{
    public const string Catalog = """
        code,name,unit,category,capacity,threshold,spec:origin,spec:roast,spec:fat,spec:size
        BEANS-ESPRESSO,House espresso beans,g,Coffee,1000,200,"Brazil, Cerrado",medium-dark,,
        BEANS-DECAF,Decaf beans (Swiss water),g,Coffee,1000,200,Colombia,medium,,
        MILK-WHOLE,Whole milk,ml,Dairy,2000,500,,,3.5%,
        MILK-OAT,Oat milk (barista),ml,Plant milk,2000,500,Sweden,,1.5%,
        CHOC-POWDER,Chocolate powder,g,Powders,800,150,,,,
        SUGAR-WHITE,White sugar,g,Powders,1500,300,,,,
        SYRUP-VANILLA,Vanilla syrup,ml,Syrups,750,150,,,,
        WATER-FILTERED,Filtered water,ml,Water,10000,2000,,,,
        CUP-8OZ,"Paper cup, 8 oz",pcs,Cups & lids,100,20,,,,8 oz / 240 ml
        CUP-12OZ,"Paper cup, 12 oz",pcs,Cups & lids,100,20,,,,12 oz / 355 ml
        LID-80,Lid for 8 oz cups,pcs,Cups & lids,100,20,,,,80 mm
        LID-90,Lid for 12 oz cups,pcs,Cups & lids,100,20,,,,90 mm
        STIRRER-WOOD,Wooden stirrer,pcs,Cups & lids,500,50,,,,140 mm
        """;

    public static Task<MaterialImportReport> SeedAsync(IMediator mediator, Actor actor, CancellationToken ct = default) =>
        mediator.Send(new ImportMaterials(actor, Encoding.UTF8.GetBytes(Catalog)), ct);
}
